import { useState } from 'react';
import type { SourceDefaults } from '../../../../shared/ipc/viewModels';

interface DefaultsFormProps {
  initial: SourceDefaults;
  submitLabel: string;
  busy: boolean;
  onSubmit: (defaults: SourceDefaults) => void;
}

const nullIfBlank = (value: string): string | null => (value.trim() === '' ? null : value.trim());

function regexProblem(rule: string): string | undefined {
  if (rule.trim() === '') return undefined;
  try {
    new RegExp(rule);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'not a regular expression';
  }
}

/** What files from a folder become: their set, their session, their sensor, and whether bags are indexed. */
export function DefaultsForm({ initial, submitLabel, busy, onSubmit }: DefaultsFormProps) {
  const [setName, setSetName] = useState(initial.setName ?? '');
  const [sessionMode, setSessionMode] = useState(initial.sessionMode);
  const [sessionName, setSessionName] = useState(initial.sessionName ?? '');
  const [sensorRule, setSensorRule] = useState(initial.sensorRule ?? '');
  const [sensor, setSensor] = useState(initial.sensor ?? '');
  const [indexBags, setIndexBags] = useState(initial.indexBags);
  const ruleProblem = regexProblem(sensorRule);
  const namedWithoutName = sessionMode === 'named' && sessionName.trim() === '';
  const submit = () => onSubmit({
    setName: nullIfBlank(setName), sessionMode, sessionName: sessionMode === 'named' ? nullIfBlank(sessionName) : null,
    sensorRule: nullIfBlank(sensorRule), sensor: nullIfBlank(sensor), indexBags,
  });
  return (
    <form className="defaults-form" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <label>Set <input value={setName} onChange={(e) => setSetName(e.target.value)} placeholder="(none)" data-testid="defaults-set" /></label>
      <label>
        Session
        <select value={sessionMode} onChange={(e) => setSessionMode(e.target.value as SourceDefaults['sessionMode'])} data-testid="defaults-session-mode">
          <option value="per_recording">one per recording</option>
          <option value="named">one named session</option>
          <option value="none">none</option>
        </select>
      </label>
      {sessionMode === 'named' && <label>Session name <input value={sessionName} onChange={(e) => setSessionName(e.target.value)} /></label>}
      <label title="A regular expression over the folder path; its first group names the sensor">
        Sensor rule <input value={sensorRule} onChange={(e) => setSensorRule(e.target.value)} placeholder="e.g. /(cam_[a-z]+)/" data-testid="defaults-sensor-rule" />
      </label>
      <label>Sensor <input value={sensor} onChange={(e) => setSensor(e.target.value)} placeholder="(from the rule)" /></label>
      <label className="check"><input type="checkbox" checked={indexBags} onChange={(e) => setIndexBags(e.target.checked)} data-testid="defaults-index-bags" /> Index bags after upload</label>
      {ruleProblem && <p className="error-note">Sensor rule: {ruleProblem}</p>}
      <button type="submit" disabled={busy || ruleProblem !== undefined || namedWithoutName} data-testid="defaults-submit">{submitLabel}</button>
    </form>
  );
}
