import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** out/renderer of this checkout: where `npm run build` (or `node bin/build.mjs --renderer`) puts the UI. */
export function defaultRendererDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'out', 'renderer');
}

/** Whether the UI bundle is there; the agent says how to build it instead of serving a 503 page. */
export function rendererBuilt(dir: string = defaultRendererDir()): boolean {
  return existsSync(join(dir, 'index.html'));
}
