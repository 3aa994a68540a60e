import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../../helpers/spawnCli';

const dataDir = mkdtempSync(join(tmpdir(), 'scenedock-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('scenedock engine', () => {
  it('on an empty data dir: creates the admin, writes its token 0600, prints its URL, stops on SIGTERM', async () => {
    const cli = spawnCli(['engine', '--data', dataDir, '--port', '0', '--log-level', 'info']);
    const [, url] = await cli.waitForLine(/SceneDock engine listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const tokenFile = join(dataDir, 'admin-token');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const token = readFileSync(tokenFile, 'utf8').trim();
    const me = await (await fetch(`${url}/auth?token=${token}`)).json() as { username: string; role: string };
    expect(me).toMatchObject({ username: 'admin', role: 'superadmin' });
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).not.toContain(token);
  });

  it('restarts on the same data dir with the same admin token, and --token re-keys it', async () => {
    const before = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    const cli = spawnCli(['engine', '--data', dataDir, '--port', '0', '--token', 'team-token-1234']);
    const [, url] = await cli.waitForLine(/listening on (http:\/\/[^\s]+)/);
    expect((await fetch(`${url}/auth?token=${before}`)).status).toBe(401);
    expect((await fetch(`${url}/auth`, { headers: { authorization: 'Bearer team-token-1234' } })).status).toBe(200);
    expect(readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()).toBe('team-token-1234');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('refuses a --max-blob-bytes that is not a whole number of bytes, and exits 2', async () => {
    const cli = spawnCli(['engine', '--data', dataDir, '--port', '0', '--max-blob-bytes', '10GB']);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain('--max-blob-bytes must be a whole number of bytes, not 10GB');
  });

  it('explains a missing --data and exits 2', async () => {
    const cli = spawnCli(['engine']);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain('--data DIR is required');
  });
});
