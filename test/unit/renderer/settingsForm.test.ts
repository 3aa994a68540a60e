import { describe, expect, it } from 'vitest';
import { formValuesOf, settingsRequest } from '../../../renderer/src/features/settings/settingsForm';
import { COMMANDS } from '../../../shared/ipc/contract';

const MiB = 1024 * 1024;
const settings = { engineMode: 'embedded' as const, engineUrl: null, hasToken: false, concurrency: 4, partSize: 16 * MiB, multipartThreshold: 16 * MiB, bandwidthLimit: 0, theme: 'system' as const };

describe('settings form', () => {
  it('round-trips stored settings into a request the contract accepts', () => {
    const built = settingsRequest(formValuesOf(settings));
    expect(built).toEqual({ request: { engineMode: 'embedded', engineUrl: null, concurrency: 4, partSize: 16 * MiB, bandwidthLimit: 0, theme: 'system' } });
    if ('request' in built) expect(COMMANDS.updateSettings.request.safeParse(built.request).success).toBe(true);
  });

  it('sends a typed token once and converts MiB to bytes', () => {
    const built = settingsRequest({ ...formValuesOf(settings), engineMode: 'remote', engineUrl: 'https://scenes.example.org', engineToken: 's3cret', partSizeMiB: '64', bandwidthMiBps: '2.5' });
    expect(built).toMatchObject({ request: { engineMode: 'remote', engineUrl: 'https://scenes.example.org', engineToken: 's3cret', partSize: 64 * MiB, bandwidthLimit: Math.round(2.5 * MiB) } });
    if ('request' in built) expect(COMMANDS.updateSettings.request.safeParse(built.request).success).toBe(true);
  });

  it('names what a person must fix', () => {
    expect(settingsRequest({ ...formValuesOf(settings), engineMode: 'remote', engineUrl: '' })).toEqual({ problem: expect.stringContaining('URL') });
    expect(settingsRequest({ ...formValuesOf(settings), concurrency: '0' })).toEqual({ problem: expect.stringContaining('Concurrency') });
    expect(settingsRequest({ ...formValuesOf(settings), partSizeMiB: '2' })).toEqual({ problem: expect.stringContaining('Part size') });
  });
});
