import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../main/ipc/isTrustedSender';
import { contentSecurityPolicy, RENDERER_CSP_DIRECTIVES } from '../../../main/security/contentSecurityPolicy';
import { mainWindowOptions } from '../../../main/windows/mainWindowOptions';
import { repoRoot } from '../../helpers/spawnCli';

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name = '', ...values] = d.split(/\s+/);
    return [name, values.join(' ')];
  }));
}

describe('the renderer security policy', () => {
  it('index.html carries exactly the directives the header sends (bar frame-ancestors, which <meta> cannot)', () => {
    const html = readFileSync(join(repoRoot, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const header = directives(contentSecurityPolicy());
    header.delete('frame-ancestors');
    expect(directives(meta ?? '')).toEqual(header);
  });

  it('allows no inline script, no eval, and connects only to itself (plus the agent socket it names)', () => {
    expect(RENDERER_CSP_DIRECTIVES['script-src']).toBe("'self'");
    expect(Object.values(RENDERER_CSP_DIRECTIVES).join(' ')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(directives(contentSecurityPolicy({ connectOrigins: ['ws://127.0.0.1:4000'] })).get('connect-src')).toBe("'self' scenedock-media: ws://127.0.0.1:4000");
    expect(directives(contentSecurityPolicy()).get('frame-ancestors')).toBe("'none'");
  });
});

describe('the main window', () => {
  it('is sandboxed, isolated, without Node, and never navigates on a drop', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, navigateOnDragDrop: false,
    });
  });

  it('takes IPC calls only from the app origin', () => {
    expect(isTrustedSender('scenedock-app://app/index.html')).toBe(true);
    expect(isTrustedSender('https://evil.example/')).toBe(false);
    expect(isTrustedSender('scenedock-app://app.evil/')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});
