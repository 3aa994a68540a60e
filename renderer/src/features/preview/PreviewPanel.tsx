import { lazy, Suspense } from 'react';
import { probeResultSchema } from '../../../../shared/ingest/probeSchemas';
import { useBridge } from '../../bridge/BridgeContext';
import { useBridgeEvent } from '../../bridge/useBridgeEvent';
import { ErrorNote } from '../../components/ErrorNote';
import { useAsync } from '../../components/useAsync';
import { CocoPreview } from './CocoPreview';
import { ImagePreview } from './ImagePreview';
import { recordingSummary } from './recordingSummary';
import { RecordingPreview } from './RecordingPreview';
import { TabularPreview } from './TabularPreview';
import { VideoPreview } from './VideoPreview';

// three.js is most of the bundle: it loads when a point cloud is first previewed, not with the app.
const LidarPreview = lazy(() => import('./lidar/LidarPreview').then((m) => ({ default: m.LidarPreview })));

/**
 * The selected item, looked at locally before (or without) any upload: the journal's probe says
 * what the file is, and the transport's media URL gives its bytes.
 */
export function PreviewPanel({ id }: { id: number }) {
  const bridge = useBridge();
  const preview = useAsync(() => bridge.api.getPreview({ id }), [bridge, id]);
  const value = preview.value;
  // An item selected before its probe finished gets its preview as soon as the probe lands.
  useBridgeEvent('itemChanged', (item) => {
    if (item.id === id && value !== undefined && (value.probe === null || value.probe === undefined)) preview.reload();
  });
  if (preview.error) return <ErrorNote message={preview.error} />;
  if (!value || value.itemId !== id) return <p className="muted">Loading preview…</p>;
  if (value.probe === null || value.probe === undefined) return <p className="muted" data-testid="no-preview">Not probed yet: the preview appears once the file has been read.</p>;
  const url = value.mediaUrl !== null ? bridge.mediaUrl(id) : undefined;
  const recording = recordingSummary(value.probe);
  if (recording) return <RecordingPreview summary={recording} />;
  const parsed = probeResultSchema.safeParse(value.probe);
  if (!parsed.success) return <p className="muted" data-testid="no-preview">No preview for this kind of file ({value.kind ?? 'unknown'}).</p>;
  const probe = parsed.data;
  switch (probe.kind) {
    case 'lidar':
      return url ? <Suspense fallback={<p className="muted">Loading the 3D view…</p>}><LidarPreview url={url} format={probe.format} fileName={value.name} /></Suspense> : <p className="muted">The file is not readable here.</p>;
    case 'video':
      return url ? <VideoPreview url={url} probe={probe} /> : <p className="muted">The file is not readable here.</p>;
    case 'image':
      return url ? <ImagePreview url={url} probe={probe} /> : <p className="muted">The file is not readable here.</p>;
    case 'coco':
      return <CocoPreview probe={probe} />;
    case 'csv':
    case 'ego_pose':
      return <TabularPreview probe={probe} />;
  }
}
