import { useEffect, useRef, useState } from 'react';
import { ErrorNote } from '../../../components/ErrorNote';
import { FactList } from '../../../components/FactList';
import { formatCount } from '../../../../../shared/format/formatCount';
import { defaultColorMode, type CloudFormat, type ColorMode, type DecodedCloud } from './decodeCloud';
import { LidarScene } from './LidarScene';
import { useLidarCloud } from './useLidarCloud';

/** Marks the first frame of a cloud (after the GPU finished it), for the benchmark and the tests. */
export const LIDAR_FRAME_MARK = 'scenedock:lidar-frame';

const MODE_LABELS: Record<ColorMode, string> = { intensity: 'Intensity', height: 'Height', rgb: 'File colours' };

export function LidarPreview({ url, format, fileName }: { url: string; format: CloudFormat; fileName: string }) {
  const state = useLidarCloud(url, format, fileName);
  return (
    <div className="lidar-preview" data-testid="lidar-preview" data-status={state.status}>
      {state.status === 'loading' && <p className="muted">Reading {fileName}…</p>}
      {state.status === 'error' && <ErrorNote message={state.error} />}
      {state.status === 'ready' && <CloudView cloud={state.cloud} />}
    </div>
  );
}

function CloudView({ cloud }: { cloud: DecodedCloud }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scene = useRef<LidarScene | undefined>(undefined);
  const [mode, setMode] = useState<ColorMode>(() => defaultColorMode(cloud.colors));
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return undefined;
    const background = getComputedStyle(element).getPropertyValue('--canvas-bg').trim() || '#111';
    const view = new LidarScene(element, background);
    scene.current = view;
    view.resize(element.clientWidth, element.clientHeight);
    const initial = cloud.colors[defaultColorMode(cloud.colors)] ?? new Uint8Array(cloud.positions.length);
    view.setCloud(cloud.positions, initial, cloud.facts.bounds);
    view.finishFrame();
    performance.clearMarks(LIDAR_FRAME_MARK);
    performance.mark(LIDAR_FRAME_MARK);
    setDrawn(true);
    const observer = new ResizeObserver(() => view.resize(element.clientWidth, element.clientHeight));
    observer.observe(element);
    return () => {
      observer.disconnect();
      view.dispose();
      scene.current = undefined;
    };
  }, [cloud]);

  useEffect(() => {
    const colors = cloud.colors[mode];
    if (colors) scene.current?.setColors(colors);
  }, [cloud, mode]);

  const { facts } = cloud;
  const b = facts.bounds;
  const fmt = (n: number) => n.toFixed(2);
  return (
    <>
      <canvas ref={canvas} className="lidar-canvas" data-testid="lidar-canvas" data-drawn={drawn} data-points={facts.finitePointCount} />
      <div className="lidar-controls">
        <label>
          Colour by{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as ColorMode)} data-testid="lidar-color-mode">
            {(Object.keys(MODE_LABELS) as ColorMode[]).filter((m) => cloud.colors[m]).map((m) => <option key={m} value={m}>{MODE_LABELS[m]}</option>)}
          </select>
        </label>
        <span className="muted">Drag to orbit, scroll to zoom, right-drag to pan</span>
      </div>
      <FactList testId="lidar-facts" facts={[
        ['Points', <span key="p" data-testid="lidar-point-count" data-count={facts.pointCount}>{formatCount(facts.pointCount)}</span>],
        ['Drawn', facts.finitePointCount === facts.pointCount ? null : `${formatCount(facts.finitePointCount)} (NaN holes skipped)`],
        ['Format', facts.format],
        ['Fields', facts.fields.map((f) => `${f.name} ${f.type}${f.size * 8}${f.count > 1 ? `×${f.count}` : ''}`).join(', ')],
        ['Grid', facts.organized ? `${facts.width} × ${facts.height} (organised)` : null],
        ['Bounds', b ? `x ${fmt(b.min.x)}…${fmt(b.max.x)}, y ${fmt(b.min.y)}…${fmt(b.max.y)}, z ${fmt(b.min.z)}…${fmt(b.max.z)}` : 'no finite point'],
      ]} />
    </>
  );
}
