import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { translateGotError } from '../http/translateGotError';
import { hashingTap } from '../upload/hashingTap';
import type { AssetScope } from './AssetScope';
import { assetUrlApi } from './assetUrlApi';

export interface DownloadedFile {
  path: string;
  size: number;
  sha256: string;
}

/** Asset bytes through presigned URLs, fetched without the SceneBox token (wire protocol §6.3). */
export const downloadApi = {
  async getBytes(scope: AssetScope, id: string, signal?: AbortSignal): Promise<Buffer> {
    return scope.storage.getBuffer(await assetUrlApi.getUrl(scope, id), signal);
  },

  /**
   * Streams an asset's bytes to `path` through a temporary file beside it, renamed into place
   * only once complete and flushed: a reader never sees a partial file at `path`.
   */
  async toFile(scope: AssetScope, id: string, path: string, signal?: AbortSignal): Promise<DownloadedFile> {
    const url = await assetUrlApi.getUrl(scope, id);
    const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
    const tap = hashingTap(undefined, path);
    let size = 0;
    try {
      await pipeline(
        scope.storage.download(url, signal),
        async function* count(source: AsyncIterable<Buffer>) {
          for await (const chunk of tap.pass(source)) {
            size += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(temporary, { flags: 'wx' }),
      );
      const handle = await open(temporary, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw translateGotError(error, 'GET', url, signal);
    }
    return { path, size, sha256: tap.digest() };
  },
};
