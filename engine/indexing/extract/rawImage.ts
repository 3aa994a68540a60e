import type { ImageMessage } from './sensorMessageSchemas';

/** How a sensor_msgs/Image encoding is laid out, and what it becomes in a PNG and for ffmpeg. */
export interface PixelFormat {
  channels: 1 | 3 | 4;
  bitDepth: 8 | 16;
  /** Blue first (bgr8, bgra8): PNG has no such order, so red and blue are swapped. */
  blueFirst: boolean;
  /** PNG colour type: 0 grey, 2 RGB, 6 RGBA. */
  pngColorType: 0 | 2 | 6;
  /** ffmpeg's rawvideo pixel format for little-endian samples (16-bit big-endian ones use `be`). */
  ffmpeg: string;
}

const RGB: PixelFormat = { channels: 3, bitDepth: 8, blueFirst: false, pngColorType: 2, ffmpeg: 'rgb24' };
const BGR: PixelFormat = { channels: 3, bitDepth: 8, blueFirst: true, pngColorType: 2, ffmpeg: 'bgr24' };
const RGBA: PixelFormat = { channels: 4, bitDepth: 8, blueFirst: false, pngColorType: 6, ffmpeg: 'rgba' };
const BGRA: PixelFormat = { channels: 4, bitDepth: 8, blueFirst: true, pngColorType: 6, ffmpeg: 'bgra' };
const MONO8: PixelFormat = { channels: 1, bitDepth: 8, blueFirst: false, pngColorType: 0, ffmpeg: 'gray' };
const MONO16: PixelFormat = { channels: 1, bitDepth: 16, blueFirst: false, pngColorType: 0, ffmpeg: 'gray16le' };

// OpenCV's 8UC3/8UC4 are blue-first, as cv_bridge publishes them.
const FORMATS: Readonly<Record<string, PixelFormat>> = {
  rgb8: RGB, bgr8: BGR, '8UC3': BGR, rgba8: RGBA, bgra8: BGRA, '8UC4': BGRA, mono8: MONO8, '8UC1': MONO8, mono16: MONO16, '16UC1': MONO16,
};

export const SUPPORTED_IMAGE_ENCODINGS: readonly string[] = Object.keys(FORMATS);

/** A raw frame checked against its own size fields. */
export interface RawFrame {
  width: number;
  height: number;
  encoding: string;
  format: PixelFormat;
  bigEndian: boolean;
  /** Bytes of pixels in a row (width × bytes per pixel); `step` may add padding after them. */
  rowBytes: number;
  step: number;
  data: Uint8Array;
}

export type RawFrameResult = { ok: true; frame: RawFrame } | { ok: false; reason: string };

export function rawFrameOf(msg: ImageMessage): RawFrameResult {
  const format = FORMATS[msg.encoding];
  if (!format) return { ok: false, reason: `encoding ${JSON.stringify(msg.encoding)} is not extracted (${SUPPORTED_IMAGE_ENCODINGS.join(', ')} are)` };
  if (msg.width === 0 || msg.height === 0) return { ok: false, reason: `the image is ${msg.width}x${msg.height}` };
  const rowBytes = msg.width * format.channels * (format.bitDepth / 8);
  if (msg.step < rowBytes) return { ok: false, reason: `step ${msg.step} is shorter than a row of ${msg.width} ${msg.encoding} pixels (${rowBytes} bytes)` };
  const needed = msg.step * (msg.height - 1) + rowBytes;
  if (msg.data.byteLength < needed) return { ok: false, reason: `${msg.width}x${msg.height} ${msg.encoding} with step ${msg.step} needs ${needed} bytes of data, the message has ${msg.data.byteLength}` };
  return { ok: true, frame: { width: msg.width, height: msg.height, encoding: msg.encoding, format, bigEndian: msg.is_bigendian, rowBytes, step: msg.step, data: msg.data } };
}

/** The pixels with rows joined (a view when rows have no padding), as ffmpeg's rawvideo reads them. */
export function packedPixels(frame: RawFrame): Uint8Array {
  if (frame.step === frame.rowBytes) return frame.data.subarray(0, frame.rowBytes * frame.height);
  const out = new Uint8Array(frame.rowBytes * frame.height);
  for (let y = 0; y < frame.height; y++) out.set(frame.data.subarray(y * frame.step, y * frame.step + frame.rowBytes), y * frame.rowBytes);
  return out;
}

/** ffmpeg's rawvideo pixel format of the frame. */
export function ffmpegPixelFormat(frame: RawFrame): string {
  return frame.format.bitDepth === 16 && frame.bigEndian ? 'gray16be' : frame.format.ffmpeg;
}
