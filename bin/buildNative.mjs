#!/usr/bin/env node
// `npm run build:native`: better-sqlite3 compiled for Electron's ABI, beside (never over) the Node
// build that tests and the agent load. The package is copied to out/native/src/ and rebuilt there
// with @electron/rebuild (it downloads Electron's headers, so it needs the network once); the
// resulting better_sqlite3.node lands in out/native/electron/, where the desktop app passes it to
// SQLite as `nativeBinding` and electron-builder ships it under resources/native/.
import { rebuild } from '@electron/rebuild';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const work = join(root, 'out', 'native', 'src');
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'node_modules'), { recursive: true });
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'native-build', version: '0.0.0', dependencies: { 'better-sqlite3': '*' } }));
cpSync(dirname(require.resolve('better-sqlite3/package.json')), join(work, 'node_modules', 'better-sqlite3'), { recursive: true, dereference: true });
await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true });
mkdirSync(join(root, 'out', 'native', 'electron'), { recursive: true });
copyFileSync(join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), join(root, 'out', 'native', 'electron', 'better_sqlite3.node'));
process.stdout.write(`better-sqlite3 built for Electron ${electronVersion}: out/native/electron/better_sqlite3.node\n`);
