import { useState, type DragEvent } from 'react';
import { DEFAULT_SOURCE_DEFAULTS } from '../../../../shared/ipc/defaultSourceDefaults';
import { useBridge } from '../../bridge/BridgeContext';
import { ErrorNote } from '../../components/ErrorNote';
import { useRunCommand } from '../../components/useRunCommand';
import { collectDrop } from '../drop/collectDrop';
import { DefaultsForm } from './DefaultsForm';

/**
 * Adds a watched folder: picked in a native dialog or dropped (desktop), or typed (a browser
 * cannot tell the agent where a folder is, and the agent has no screen for a dialog).
 */
export function AddSource() {
  const bridge = useBridge();
  const command = useRunCommand();
  const [path, setPath] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const pick = async () => {
    const picked = await command.run(() => bridge.api.pickFolder({}));
    if (picked?.path) setPath(picked.path);
    else if (picked && bridge.mode === 'agent') setProblem('The agent has no folder dialog: type the folder\'s path on the agent\'s machine.');
  };
  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    const drop = collectDrop(event.dataTransfer);
    if (bridge.mode === 'agent') {
      setProblem('A browser cannot tell the agent where a dropped folder lives: type its path instead.');
      return;
    }
    const resolved = await bridge.resolveDrop(drop);
    if (resolved.paths[0]) setPath(resolved.paths[0]);
    setProblem(resolved.problems[0]);
  };
  return (
    <section className="card add-source" data-testid="add-source" onDragOver={(e) => e.preventDefault()} onDrop={(e) => void onDrop(e)}>
      <h3>Watch a folder</h3>
      <div className="row">
        <input type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/media/ssd/drive_0042" aria-label="Folder path" data-testid="source-path" />
        <button type="button" onClick={() => void pick()} disabled={command.busy}>Choose…</button>
      </div>
      <p className="muted">{bridge.mode === 'desktop' ? 'Or drop a folder here.' : 'Paths are on the agent\'s machine.'}</p>
      <ErrorNote message={problem ?? command.error} />
      <DefaultsForm initial={DEFAULT_SOURCE_DEFAULTS} submitLabel="Watch this folder" busy={command.busy || path.trim() === ''}
        onSubmit={(defaults) => void command.run(() => bridge.api.addWatchFolder({ path: path.trim(), defaults })).then((added) => {
          if (added) {
            setPath('');
            setProblem(undefined);
          }
        })} />
    </section>
  );
}
