import { existsSync } from 'node:fs';

/** Debian's package; SCENEDOCK_CHROMIUM points elsewhere. Never a Playwright download. */
export function chromiumPath(): string {
  return process.env.SCENEDOCK_CHROMIUM ?? '/usr/bin/chromium';
}

export const HAS_CHROMIUM = existsSync(chromiumPath());
export const NO_CHROMIUM = `Chromium not found at ${chromiumPath()} (apt-get install chromium, or set SCENEDOCK_CHROMIUM): browser tests skipped`;

// --enable-unsafe-swiftshader: without a GPU, Chromium renders WebGL in software only when asked.
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--autoplay-policy=no-user-gesture-required',
];
