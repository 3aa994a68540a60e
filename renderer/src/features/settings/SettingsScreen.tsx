import { useEffect, useState } from 'react';
import { THEMES } from '../../../../shared/ipc/viewModels';
import { useBridge } from '../../bridge/BridgeContext';
import { ErrorNote } from '../../components/ErrorNote';
import { useRunCommand } from '../../components/useRunCommand';
import { formValuesOf, settingsRequest, type SettingsFormValues } from './settingsForm';
import { useSettings } from './useSettings';

export function SettingsScreen() {
  const bridge = useBridge();
  const { settings, error } = useSettings();
  const command = useRunCommand();
  const [values, setValues] = useState<SettingsFormValues | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings) setValues(formValuesOf(settings));
  }, [settings]);
  if (!values || !settings) return <div className="screen" data-testid="screen-settings"><ErrorNote message={error} /><p className="muted">Loading…</p></div>;
  const set = <K extends keyof SettingsFormValues>(key: K, value: SettingsFormValues[K]) => {
    setSaved(false);
    setValues({ ...values, [key]: value });
  };
  const save = async () => {
    const built = settingsRequest(values);
    if ('problem' in built) return setProblem(built.problem);
    setProblem(undefined);
    if (await command.run(() => bridge.api.updateSettings(built.request))) setSaved(true);
  };
  return (
    <div className="screen settings" data-testid="screen-settings">
      <header className="screen-header"><h2>Settings</h2></header>
      <form className="card settings-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <fieldset>
          <legend>Engine</legend>
          <label className="check"><input type="radio" name="engineMode" checked={values.engineMode === 'embedded'} onChange={() => set('engineMode', 'embedded')} /> Embedded (on this computer)</label>
          <label className="check"><input type="radio" name="engineMode" checked={values.engineMode === 'remote'} onChange={() => set('engineMode', 'remote')} data-testid="engine-remote" /> Remote</label>
          <label>URL <input type="url" value={values.engineUrl} disabled={values.engineMode !== 'remote'} onChange={(e) => set('engineUrl', e.target.value)} placeholder="https://scenes.example.org" data-testid="engine-url" /></label>
          <label>
            Token <input type="password" autoComplete="off" value={values.engineToken} disabled={values.engineMode !== 'remote'} onChange={(e) => set('engineToken', e.target.value)}
              placeholder={settings.hasToken ? 'stored (type to replace)' : 'none stored'} />
          </label>
          <p className="muted">{bridge.mode === 'desktop' ? 'The token is encrypted with the operating system\'s key store.' : 'The agent keeps the token in its state folder, readable by its user only.'}</p>
        </fieldset>
        <fieldset>
          <legend>Uploads</legend>
          <label>Concurrency <input type="number" min={1} max={32} value={values.concurrency} onChange={(e) => set('concurrency', e.target.value)} data-testid="settings-concurrency" /></label>
          <label>Part size (MiB) <input type="number" min={5} max={1024} value={values.partSizeMiB} onChange={(e) => set('partSizeMiB', e.target.value)} /></label>
          <label>Bandwidth limit (MiB/s, 0 = none) <input type="number" min={0} step="0.1" value={values.bandwidthMiBps} onChange={(e) => set('bandwidthMiBps', e.target.value)} /></label>
        </fieldset>
        <fieldset>
          <legend>Appearance</legend>
          <label>
            Theme
            <select value={values.theme} onChange={(e) => set('theme', e.target.value as SettingsFormValues['theme'])} data-testid="settings-theme">
              {THEMES.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </label>
        </fieldset>
        <ErrorNote message={problem ?? command.error ?? error} />
        <button type="submit" disabled={command.busy} data-testid="settings-save">Save</button>
        {saved && <span className="muted" data-testid="settings-saved"> Saved.</span>}
      </form>
    </div>
  );
}
