// Builds the renderer (React) into out/renderer/. The same bundle is loaded by the Electron window
// (through the scenedock-app:// scheme) and served by the headless agent, so paths are relative.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // The CSP forbids inline scripts and styles: keep every asset a file, never a data: inlined module.
    assetsInlineLimit: 0,
    // A modulepreload polyfill would be an inline script; Chromium needs none.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  server: { fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] } },
});
