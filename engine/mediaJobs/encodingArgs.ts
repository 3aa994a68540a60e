// How the engine encodes what it makes. One rule for every video output, so that every video the
// engine writes plays in a browser: H.264 (yuv420p, even sides) in MP4 with the index up front.

export const H264_MP4_ARGS: readonly string[] = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'];
export const AAC_ARGS: readonly string[] = ['-c:a', 'aac', '-b:a', '128k'];

/** A filter that pads a picture by at most one pixel on the right and bottom to even sides. */
export const PAD_TO_EVEN = 'pad=ceil(iw/2)*2:ceil(ih/2)*2';

export interface StillFormat {
  ext: 'png' | 'jpg';
  contentType: string;
  args: readonly string[];
}

export const PNG: StillFormat = { ext: 'png', contentType: 'image/png', args: [] };
export const JPEG: StillFormat = { ext: 'jpg', contentType: 'image/jpeg', args: ['-q:v', '3'] };
