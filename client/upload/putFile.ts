import type { AssetScope } from '../assets/AssetScope';
import { formUpload } from './formUpload';
import { DEFAULT_PART_SIZE, multipartUpload } from './multipartUpload';
import type { PutFileOptions, PutFileResult } from './UploadProgress';
import { openUploadSource, type UploadInput } from './UploadSource';

export const DEFAULT_MULTIPART_THRESHOLD = DEFAULT_PART_SIZE;

/** The id a file is stored under: its name, inside `folder` when one is given. */
export function storageFileId(name: string, folder: string | undefined): string {
  const trimmed = folder?.replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/${name}` : name;
}

/** Uploads a file or Buffer: a form POST below the multipart threshold, multipart at or above it. */
export async function putFile(scope: AssetScope, input: UploadInput, options: PutFileOptions = {}): Promise<PutFileResult> {
  const source = await openUploadSource(input);
  const name = options.id ?? source.name;
  if (!name) throw new TypeError('putFile needs options.id to upload a Buffer');
  const fileId = storageFileId(name, options.folder);
  return source.size < (options.multipartThreshold ?? DEFAULT_MULTIPART_THRESHOLD)
    ? formUpload(scope, source, fileId, options)
    : multipartUpload(scope, source, fileId, options);
}
