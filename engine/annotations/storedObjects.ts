import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { objectAccessDocSchema } from '../../shared/annotations/annotationDocumentSchema';
import type { ObjectAccessDoc } from '../../shared/annotations/annotationDocuments';
import type { ObjectStorage } from '../storage/ObjectStorage';
import { objectKey, objectUri } from '../storage/objectKeys';

/**
 * Copies the bytes an object access names to a local file. Only `s3://` objects of the
 * organization held by this engine can be read; a plain URL is refused (jobs fetch nothing from
 * the network).
 */
export async function readObjectToFile(storage: ObjectStorage, organizationId: string, access: unknown, file: string): Promise<void> {
  const parsed = objectAccessDocSchema.safeParse(access);
  if (!parsed.success || !parsed.data.uri) {
    throw new Error(`object access ${JSON.stringify(access)} has no s3:// uri this engine can read`);
  }
  const record = storage.objectForUri(organizationId, parsed.data.uri);
  await pipeline(storage.read(record), createWriteStream(file));
}

/**
 * Stores bytes the engine made (a crop, a thumbnail, an extracted frame: one buffer, the parts of
 * one file, or a stream of a large one) as an object of the organization, the way a presigned
 * form post stores an upload, and returns its object access.
 */
export async function storeObjectBytes(
  storage: ObjectStorage, organizationId: string, fileId: string, bytes: Uint8Array | readonly Uint8Array[] | Readable, contentType: string,
): Promise<ObjectAccessDoc> {
  const key = objectKey(organizationId, fileId);
  const body = bytes instanceof Readable ? bytes : Readable.from(bytes instanceof Uint8Array ? [bytes] : bytes);
  // The policy is the engine's own (nothing to verify): the same record a signed upload would make.
  await storage.storeFormUpload({ bucket: storage.bucket, key, organizationId, expires: 0, contentType }, body, contentType);
  return { uri: objectUri(storage.bucket, key), filename: fileId.split('/').pop() ?? fileId };
}

/** Removes an object the engine holds for the organization; false when there is none (or it is a URL). */
export async function deleteObjectOf(storage: ObjectStorage, organizationId: string, access: unknown): Promise<boolean> {
  const parsed = objectAccessDocSchema.safeParse(access);
  if (!parsed.success || !parsed.data.uri) return false;
  return storage.deleteObject(organizationId, parsed.data.uri);
}
