import { protocol } from 'electron';
import { mediaFileResponse } from '../media/mediaFileResponse';
import { staticFileResponse } from '../media/staticFileResponse';
import { APP_SCHEME, contentSecurityPolicy, MEDIA_SCHEME } from '../security/contentSecurityPolicy';

/** The page's origin: a real, secure origin (unlike file://), so 'self' in the CSP means the bundle. */
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** Must run before the app is ready: Electron fixes scheme privileges at startup. */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    // stream: media elements read it in ranges; corsEnabled: the lidar preview fetches from the page's origin.
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } },
  ]);
}

export interface AppProtocolOptions {
  rendererDir: string;
  resolveMediaPath(itemId: number): Promise<string | undefined>;
}

/** Serves the bundle on scenedock-app://app/ and previews on scenedock-media://item/<id> (range requests). */
export function handleAppProtocols(options: AppProtocolOptions): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('unknown host', { status: 404 });
    return staticFileResponse(options.rendererDir, url.pathname, csp, request.method);
  });
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    const id = Number(url.pathname.slice(1));
    const file = url.host === 'item' && Number.isInteger(id) && id > 0 ? await options.resolveMediaPath(id) : undefined;
    if (!file) return new Response(`${request.url} names no local file`, { status: 404 });
    const response = await mediaFileResponse(file, request.headers.get('range'), request.method);
    // The page (scenedock-app://app) reads point clouds with fetch: a cross-origin read that needs CORS.
    response.headers.set('access-control-allow-origin', APP_ORIGIN);
    return response;
  });
}
