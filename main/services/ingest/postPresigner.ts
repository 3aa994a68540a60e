import type { AssetManagerClient } from '../../../client/AssetManagerClient';
import type { WirePresignedPost } from '../../../shared/wire/storageWire';
import { Coalescer } from './Coalescer';

/**
 * The form posts of small files, presigned for the files sent at the same time in one request
 * per asset manager instead of one per file (the route takes a list of ids).
 */
export function postPresigner(): (assets: AssetManagerClient, fileId: string) => Promise<WirePresignedPost> {
  const coalescers = new WeakMap<AssetManagerClient, Coalescer<string, WirePresignedPost>>();
  return (assets, fileId) => {
    let coalescer = coalescers.get(assets);
    if (!coalescer) {
      coalescer = new Coalescer(async (ids) => {
        const posts = await assets.presignPosts([...new Set(ids)]);
        return ids.map((id) => {
          const post = posts[id];
          if (!post) throw new Error(`the engine gave no upload URL for ${id}`);
          return post;
        });
      });
      coalescers.set(assets, coalescer);
    }
    return coalescer.call(fileId);
  };
}
