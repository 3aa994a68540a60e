import { useState, type DragEvent } from 'react';
import { useBridge } from '../../bridge/BridgeContext';
import { formatBytes } from '../../../../shared/format/formatBytes';
import { collectDrop, collectPicked } from './collectDrop';
import { useDropIngest } from './useDropIngest';

/**
 * Where files and folders are dropped (or picked). In Electron the paths go straight to the
 * service; in a browser the bytes are staged on the agent first, with progress.
 */
export function DropZone() {
  const bridge = useBridge();
  const { ingest, busy, progress, outcome } = useDropIngest();
  const [over, setOver] = useState(false);
  const [setName, setSetName] = useState('');
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void ingest(collectDrop(event.dataTransfer), setName);
  };
  return (
    <section
      className={`card drop-zone${over ? ' over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => { e.preventDefault(); setOver(true); }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="drop-title">Drop files or folders here to ingest them</p>
      <p className="muted">{bridge.mode === 'agent' ? 'In the browser, dropped files are copied to the agent first.' : 'Files stay where they are; SceneDock reads them in place.'}</p>
      <div className="drop-actions">
        <label>
          Set name <input type="text" value={setName} onChange={(e) => setSetName(e.target.value)} placeholder="(none)" data-testid="drop-set-name" />
        </label>
        <label className="button">
          Choose files…
          <input type="file" multiple hidden data-testid="drop-files" onChange={(e) => { void ingest(collectPicked(e.target.files), setName); e.target.value = ''; }} />
        </label>
        <label className="button">
          Choose a folder…
          <input type="file" hidden data-testid="drop-folder" {...{ webkitdirectory: '' }} onChange={(e) => { void ingest(collectPicked(e.target.files), setName); e.target.value = ''; }} />
        </label>
      </div>
      {busy && progress && (
        <p data-testid="drop-progress">Copying {progress.filesDone} of {progress.filesTotal} files ({formatBytes(progress.bytesDone)} of {formatBytes(progress.bytesTotal)})</p>
      )}
      {busy && !progress && <p>Queuing…</p>}
      {outcome && (
        <div data-testid="drop-outcome">
          <p>{outcome.queued} queued</p>
          {outcome.problems.length > 0 && <ul className="problems">{outcome.problems.map((p) => <li key={p}>{p}</li>)}</ul>}
        </div>
      )}
    </section>
  );
}
