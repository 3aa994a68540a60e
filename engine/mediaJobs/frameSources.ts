import type { ObjectStorage } from '../storage/ObjectStorage';

/** A frame of a video to make: when it was taken (unix nanoseconds) and the object holding it. */
export interface Frame {
  ns: bigint;
  uri: string;
  /** Lower-case file extension, which tells ffmpeg the image format. */
  ext: string;
}

const FRAME_NAME = /^(\d{1,20})\.([A-Za-z0-9]{1,8})$/;
export const FRAME_EXTENSIONS: readonly string[] = ['jpg', 'jpeg', 'png', 'bmp', 'tif', 'tiff', 'webp'];

/**
 * A folder as the client names it, made relative to the organization: the folder of
 * `s3://bucket/<organization>/<folder>/` may be given with or without the organization's prefix.
 */
export function folderWithinOrganization(organizationId: string, folder: string): string {
  const trimmed = folder.replace(/^\/+|\/+$/g, '');
  return trimmed === organizationId ? '' : trimmed.startsWith(`${organizationId}/`) ? trimmed.slice(organizationId.length + 1) : trimmed;
}

export function extensionOf(uri: string): string {
  const name = uri.split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * The frames directly in a folder, named `<unix ns>.<image extension>`, in time order; other
 * objects (and those in subfolders) are counted as ignored.
 */
export function framesInFolder(storage: ObjectStorage, organizationId: string, folder: string): { frames: Frame[]; ignored: number } {
  const relative = folderWithinOrganization(organizationId, folder);
  const prefix = relative === '' ? '' : `${relative}/`;
  const frames: Frame[] = [];
  let ignored = 0;
  for (const object of storage.listObjects(organizationId, relative)) {
    const name = object.key.slice(prefix.length);
    const m = FRAME_NAME.exec(name);
    const ext = m?.[2]?.toLowerCase() ?? '';
    if (!m?.[1] || name.includes('/') || !FRAME_EXTENSIONS.includes(ext)) ignored += 1;
    else frames.push({ ns: BigInt(m[1]), uri: object.uri, ext });
  }
  return { frames: sortFrames(frames), ignored };
}

export function sortFrames(frames: readonly Frame[]): Frame[] {
  return [...frames].sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0));
}

/** Every `skip`-th frame, from the first (`image_skip_factor`). */
export function skipFrames<T>(frames: readonly T[], skip: number): T[] {
  return frames.filter((_, i) => i % skip === 0);
}
