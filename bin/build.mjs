#!/usr/bin/env node
// `npm run build`: the renderer with Vite (out/renderer/), the Electron main process and the preload
// with esbuild (out/main/index.mjs, out/preload/index.cjs), and the window icon (out/icon.png).
// `--renderer` builds the renderer only (what the agent and the browser tests need).
import { build as esbuild } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as vite } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rendererOnly = process.argv.includes('--renderer');

await vite({ configFile: join(root, 'vite.config.mjs'), logLevel: 'warn' });
process.stdout.write('built out/renderer/\n');
if (!rendererOnly) {
  await esbuild({
    entryPoints: [join(root, 'main', 'desktop', 'index.ts')],
    outfile: join(root, 'out', 'main', 'index.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Dependencies stay in node_modules (electron-builder ships them): native modules, wasm files
    // and the ffmpeg/ffprobe binaries are found relative to their own packages.
    packages: 'external',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  });
  await esbuild({
    entryPoints: [join(root, 'preload', 'index.ts')],
    outfile: join(root, 'out', 'preload', 'index.cjs'),
    bundle: true,
    // A sandboxed preload can require only electron: everything else is bundled into this one file.
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    // zod comes along with the contract's names; minified, the preload stays small enough to parse in a few ms.
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  mkdirSync(join(root, 'out'), { recursive: true });
  copyFileSync(join(root, 'build', 'icon.png'), join(root, 'out', 'icon.png'));
  process.stdout.write('built out/main/index.mjs and out/preload/index.cjs\n');
}
