import { open, readFile, stat } from 'node:fs/promises';
import { pyFormUpload, pyRequest } from './pythonStyleRequest';

export interface UploadOptions {
  /** Files of at least this many bytes go multipart, as put_file does from 50 MiB. */
  multipartFrom?: number;
  /** Part size of a multipart upload (the client's is 50 MiB; tests use small parts to make multi-part blobs). */
  partBytes?: number;
  assetType?: string;
}

const MIB = 1024 * 1024;

/**
 * Uploads a local file the way the Python client's put_file does (wire protocol §6.1): a presigned
 * form post below the multipart threshold, else an S3-style multipart upload whose parts are read
 * from disk one at a time. Returns the object access the client then sends to index_rosbag.
 */
export async function uploadRecordingFile(engineUrl: string, token: string, path: string, fileId: string, options: UploadOptions = {}): Promise<{ uri: string; filename: string }> {
  const am = `${engineUrl}/am/v1`;
  const assetType = options.assetType ?? 'rosbags';
  const params = { asset_type: assetType, metadata_only: false, token };
  const size = (await stat(path)).size;
  const filename = fileId.split('/').pop() ?? fileId;
  if (size < (options.multipartFrom ?? 50 * MIB)) {
    const urls = await pyRequest('POST', `${am}/assets/temporary_upload_url/`, params, { ids: [fileId] });
    const entry = (urls.json as Record<string, { url: string; fields: Record<string, string>; uri: string }> | undefined)?.[fileId];
    if (!entry) throw new Error(`no upload URL for ${fileId}: ${urls.text}`);
    const status = await pyFormUpload(entry.url, entry.fields, await readFile(path));
    if (status !== 204) throw new Error(`form upload of ${fileId} answered ${status}`);
    return { uri: entry.uri, filename };
  }
  const partBytes = options.partBytes ?? 50 * MIB;
  const started = await pyRequest('POST', `${am}/assets/multipart_upload_id/`, params, { id: fileId });
  const uploadId = (started.json as { upload_id?: string } | undefined)?.upload_id;
  if (!uploadId) throw new Error(`no upload id for ${fileId}: ${started.text}`);
  const parts: { ETag: string; PartNumber: number }[] = [];
  const handle = await open(path, 'r');
  try {
    for (let offset = 0, partNo = 1; offset < size; offset += partBytes, partNo++) {
      const bytes = Buffer.alloc(Math.min(partBytes, size - offset));
      await handle.read(bytes, 0, bytes.length, offset);
      const res = await pyRequest('POST', `${am}/assets/multipart_temporary_upload_url/`, params, { id: fileId, part_no: partNo, upload_id: uploadId });
      const url = (res.json as { url?: string } | undefined)?.url;
      if (!url) throw new Error(`no URL for part ${partNo} of ${fileId}: ${res.text}`);
      const put = await fetch(url, { method: 'PUT', body: bytes });
      const etag = put.headers.get('etag');
      if (put.status !== 200 || !etag) throw new Error(`part ${partNo} of ${fileId} answered ${put.status}`);
      parts.push({ ETag: etag, PartNumber: partNo });
    }
  } finally {
    await handle.close();
  }
  const done = await pyRequest('POST', `${am}/assets/multipart_complete/`, params, { id: fileId, parts, upload_id: uploadId });
  const uri = (done.json as { uri?: string } | undefined)?.uri;
  if (!uri) throw new Error(`multipart_complete of ${fileId}: ${done.status} ${done.text}`);
  return { uri, filename };
}
