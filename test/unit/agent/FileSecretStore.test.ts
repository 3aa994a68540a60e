import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../../main/agent/FileSecretStore';

const dir = mkdtempSync(join(tmpdir(), 'scenedock-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FileSecretStore', () => {
  it('keeps the token in a file only its user can read, and forgets it on request', async () => {
    const file = join(dir, 'state', 'engine-token');
    const store = new FileSecretStore(file);
    expect(await store.read()).toBeUndefined();
    await store.write('tok-123');
    expect(await new FileSecretStore(file).read()).toBe('tok-123');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    await store.write(undefined);
    expect(await store.read()).toBeUndefined();
    expect(store.encrypted()).toBe(false);
  });
});
