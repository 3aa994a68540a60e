// One policy for the renderer wherever it runs. renderer/index.html carries the same directives in
// a <meta> tag (a test keeps the two equal); the header adds what a <meta> cannot express
// (frame-ancestors) and, on the agent, the exact WebSocket origin of this run.

/** The custom scheme the desktop app serves preview bytes from (range requests supported). */
export const MEDIA_SCHEME = 'scenedock-media';
/** The custom scheme the desktop app serves the renderer bundle from (a real origin, unlike file://). */
export const APP_SCHEME = 'scenedock-app';

export const RENDERER_CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': `'self' data: blob: ${MEDIA_SCHEME}:`,
  'media-src': `'self' blob: ${MEDIA_SCHEME}:`,
  'connect-src': `'self' ${MEDIA_SCHEME}:`,
  // The point-cloud parser runs in a module worker bundled beside the page.
  'worker-src': "'self' blob:",
  'font-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'object-src': "'none'",
};

/** The header form: the <meta> directives, `frame-ancestors`, and extra connect-src origins. */
export function contentSecurityPolicy(options: { connectOrigins?: readonly string[] } = {}): string {
  const directives: Record<string, string> = { ...RENDERER_CSP_DIRECTIVES, 'frame-ancestors': "'none'" };
  if (options.connectOrigins?.length) directives['connect-src'] = `${directives['connect-src']} ${options.connectOrigins.join(' ')}`;
  return Object.entries(directives).map(([name, value]) => `${name} ${value}`).join('; ');
}
