import { createHash } from 'node:crypto';
import { IntegrityError } from '../errors/IntegrityError';
import type { UploadSource } from './UploadSource';

/** The sha256 of a whole source, read once from start to end. */
export async function hashSource(source: UploadSource, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  let seen = 0;
  for await (const chunk of source.open(0, source.size, signal)) {
    seen += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  if (seen !== source.size) throw new IntegrityError(`source changed while it was hashed: ${seen} bytes instead of ${source.size}`);
  return hash.digest('hex');
}
