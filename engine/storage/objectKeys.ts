import { badRequest } from '../http/HttpError';

const MAX_KEY = 1024;

/**
 * A storage file id as the client sends it (`name.png`, `folder/id`, `<provider>/id`), checked so
 * that the object key it makes is a plain relative name. Keys are never used as file paths (blobs
 * have generated names), but a key with `..` or a control character has no honest use.
 */
export function checkFileId(fileId: string): string {
  if (fileId.length === 0 || fileId.length > MAX_KEY) throw badRequest(`file id must have 1 to ${MAX_KEY} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(fileId)) throw badRequest(`file id ${JSON.stringify(fileId)} contains a control character or a backslash`);
  const segments = fileId.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw badRequest(`file id ${JSON.stringify(fileId)} has an empty, "." or ".." path segment`);
  }
  return fileId;
}

export function objectUri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

export function parseObjectUri(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!m?.[1] || !m[2]) return undefined;
  return { bucket: m[1], key: m[2] };
}

/** Objects of an organization live under its id, so a URI names its owner. */
export function objectKey(organizationId: string, fileId: string): string {
  return `${organizationId}/${checkFileId(fileId)}`;
}
