#!/usr/bin/env node
// Draws the packaging icons into build/ with the same code as the tray icon (main/platform):
// build/icon.png (1024 px, macOS and the window), build/icons/NxN.png (Linux) and build/icon.ico
// (Windows; PNG entries, which every Windows since Vista reads). Run after changing the artwork.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { drawAppIcon } = await import('../main/platform/drawAppIcon.ts');
const { encodePng } = await import('../main/platform/encodePng.ts');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BLUE = [37, 99, 235];
const png = (size) => encodePng(size, size, drawAppIcon(size, BLUE));

mkdirSync(join(root, 'build', 'icons'), { recursive: true });
writeFileSync(join(root, 'build', 'icon.png'), png(1024));
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(root, 'build', 'icons', `${size}x${size}.png`), png(size));

// ICO: a 6-byte header, a 16-byte entry per image, then the PNGs (width/height 0 means 256).
const images = [16, 32, 48, 256].map((size) => ({ size, data: png(size) }));
const header = Buffer.alloc(6 + 16 * images.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(images.length, 4);
let offset = header.length;
images.forEach(({ size, data }, i) => {
  const entry = 6 + i * 16;
  header[entry] = size % 256;
  header[entry + 1] = size % 256;
  header.writeUInt16LE(1, entry + 4);
  header.writeUInt16LE(32, entry + 6);
  header.writeUInt32LE(data.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += data.length;
});
writeFileSync(join(root, 'build', 'icon.ico'), Buffer.concat([header, ...images.map((i) => i.data)]));
process.stdout.write('wrote build/icon.png, build/icons/*.png and build/icon.ico\n');
