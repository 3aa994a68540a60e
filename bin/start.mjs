#!/usr/bin/env node
// `npm start`: the desktop app where an Electron binary exists; otherwise (CI, servers, machines
// where the binary download is skipped) the headless agent with the same UI in a browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/** The binary path the electron package gives, when that binary is really there. */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    // The package throws when its postinstall never downloaded the binary.
    return undefined;
  }
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

const electron = electronBinary();
const needs = electron ? join(root, 'out', 'main', 'index.mjs') : join(root, 'out', 'renderer', 'index.html');
if (!existsSync(needs)) {
  const code = await run(process.execPath, [join(root, 'bin', 'build.mjs'), ...(electron ? [] : ['--renderer'])]);
  if (code !== 0) process.exit(code);
}
if (electron) {
  process.exitCode = await run(electron, [root, ...args]);
} else {
  process.stdout.write('No Electron binary on this machine: starting the headless agent; open the address it prints.\n');
  process.exitCode = await run(process.execPath, [join(root, 'bin', 'scenedock.mjs'), 'agent', '--ui-port', '0', ...args]);
}
