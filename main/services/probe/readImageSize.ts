import { open, type FileHandle } from 'node:fs/promises';
import { imageSize } from 'image-size';

export interface ImageSize {
  width: number;
  height: number;
  format: string;
}

/** image-size's own window: enough for the header of nearly every image. */
const HEAD_BYTES = 512 * 1024;
/**
 * Some files keep what image-size needs far from the start: TIFFs may put their IFD after the
 * pixels, and thermal JPEGs carry hundreds of KB of APP segments before the SOF marker. Those are
 * retried on the whole file up to this size.
 */
const FULL_READ_LIMIT = 256 * 1024 * 1024;

export async function readImageSize(filePath: string): Promise<ImageSize> {
  const handle = await open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) throw new Error('the file is empty');
    const head = new Uint8Array(Math.min(size, HEAD_BYTES));
    await readFully(handle, head);
    try {
      return toSize(imageSize(head));
    } catch (error) {
      if (size <= head.length || size > FULL_READ_LIMIT) throw error;
      const whole = new Uint8Array(size);
      await readFully(handle, whole);
      return toSize(imageSize(whole));
    }
  } finally {
    await handle.close();
  }
}

function toSize({ width, height, type }: ReturnType<typeof imageSize>): ImageSize {
  if (type === undefined) throw new Error('image-size did not recognise the format');
  return { width, height, format: type };
}

async function readFully(handle: FileHandle, target: Uint8Array): Promise<void> {
  let done = 0;
  while (done < target.length) {
    const { bytesRead } = await handle.read(target, done, target.length - done, done);
    if (bytesRead === 0) throw new Error(`the file ended after ${done} bytes while ${target.length} were expected`);
    done += bytesRead;
  }
}
