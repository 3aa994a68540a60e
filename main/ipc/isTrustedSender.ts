import { APP_SCHEME } from '../security/contentSecurityPolicy';

/**
 * Only the app's own page may call the services. A frame from anywhere else (which the navigation
 * guards should already prevent) is refused at the IPC door as well: defence in depth.
 */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  return frameUrl !== undefined && frameUrl.startsWith(`${APP_SCHEME}://app/`);
}
