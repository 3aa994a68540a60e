import { badRequest } from '../http/HttpError';

/**
 * A storage folder of the organization from what a client sends: `s3://<bucket>/<org>/<folder>`
 * (under a URI the engine handed out), `s3://<bucket>/<folder>` (index_recording's form), or a
 * plain `<folder>` (relative to the organization). Keys are relative to the organization.
 */
export function folderOfUri(text: string, organizationId: string): string {
  const isUri = text.startsWith('s3://');
  let parts = text.replace(/^s3:\/\//, '').split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '.' || p === '..')) throw badRequest(`${JSON.stringify(text)}: a folder may not hold . or .. segments`);
  if (isUri) parts = parts.slice(1);
  if (parts[0] === organizationId) parts = parts.slice(1);
  return parts.join('/');
}
