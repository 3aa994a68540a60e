import { badRequest } from '../http/HttpError';
import type { ObjectRecord } from '../storage/ObjectCatalog';
import type { ObjectStorage } from '../storage/ObjectStorage';
import { objectUri } from '../storage/objectKeys';
import type { FileObject } from './indexingRequestSchemas';

export interface ResolvedFile {
  uri: string;
  name: string;
}

const PRESIGNED_PATH = /\/storage\/objects\/([^/]+)\/(.+)$/;

/**
 * The stored object an object access names: an `s3://` URI of the caller's organization, or a
 * presigned download URL this engine handed out (checked like a download would be). Any other
 * URL is refused: the engine indexes the bytes it holds and fetches nothing from the network.
 * A 400 or 404 names the entry (`file_objects_dicts.2`) and the reason.
 */
export function resolveFileObject(storage: ObjectStorage, organizationId: string, access: FileObject, what: string): ResolvedFile {
  let record: ObjectRecord;
  if (access.uri) {
    try {
      record = storage.objectForUri(organizationId, access.uri);
    } catch (error) {
      throw badRequest(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    record = presignedObject(storage, organizationId, access.url ?? '', what);
  }
  const name = access.filename && access.filename !== '' ? access.filename : (record.key.split('/').pop() ?? record.key);
  return { uri: objectUri(record.bucket, record.key), name };
}

function presignedObject(storage: ObjectStorage, organizationId: string, url: string, what: string): ObjectRecord {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest(`${what}: url ${JSON.stringify(url)} is not a URL`);
  }
  const match = PRESIGNED_PATH.exec(parsed.pathname);
  const expires = parsed.searchParams.get('expires');
  const signature = parsed.searchParams.get('signature');
  if (!match?.[1] || !match[2] || !expires || !signature) {
    throw badRequest(`${what}: the engine indexes objects it stores (an s3:// uri, or a download URL it signed), not ${parsed.origin}${parsed.pathname}; upload the file first`);
  }
  let record: ObjectRecord;
  try {
    record = storage.verifiedObject(decodeURIComponent(match[1]), match[2].split('/').map(decodeURIComponent).join('/'), Number(expires), signature);
  } catch (error) {
    throw badRequest(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (record.organizationId !== organizationId) throw badRequest(`${what}: no such object of this organization`);
  return record;
}
