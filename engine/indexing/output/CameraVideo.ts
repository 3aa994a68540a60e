import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { ffmpegPath } from '../../media/ffmpegPath';
import { runFfmpeg } from '../../media/runFfmpeg';

export type VideoFrame =
  | { kind: 'raw'; width: number; height: number; pixelFormat: string; pixels: Uint8Array }
  | { kind: 'compressed'; format: 'jpeg' | 'png'; width: number; height: number; data: Uint8Array };

export interface CameraVideoResult {
  path: string;
  frames: number;
  /** Frames left out because their size or format differs from the first frame's. */
  skipped: number;
  width: number;
  height: number;
  fps: number;
  firstNs: bigint;
  lastNs: bigint;
}

/** The rate frames are encoded at before the real one is known; only timestamps depend on it. */
const NOMINAL_FPS = 25;
const STDERR_TAIL = 2000;

/**
 * One camera's video, encoded while its frames are read: frames are piped to ffmpeg (raw pixels
 * as rawvideo, JPEG/PNG bytes as an image pipe) and encoded to H.264 as they come, so neither the
 * frames nor the video sit in memory. The frame rate is known only at the end (from the first and
 * last frame times), so the stream is encoded at a nominal rate, without B-frames, as a raw H.264
 * stream; at the end its timing information is rewritten to the real rate (h264_metadata) and it
 * is muxed into an MP4 at that rate, both stream copies (no re-encoding). The video has the first
 * frame's size (even width and height, as yuv420p needs); frames of another size or format are
 * left out and counted.
 */
export class CameraVideo {
  readonly sensor: string;
  readonly #dir: string;
  /** File names in the scratch folder (sensor names may hold any character). */
  readonly #stem: string;
  readonly #preset: string;
  #child: ChildProcessByStdio<Writable, null, Readable> | undefined;
  #exit: Promise<number | null> | undefined;
  #stderr = '';
  #signature: string | undefined;
  #width = 0;
  #height = 0;
  #frames = 0;
  #skipped = 0;
  #firstNs = 0n;
  #lastNs = 0n;

  public constructor(sensor: string, dir: string, stem: string, preset: string) {
    this.sensor = sensor;
    this.#dir = dir;
    this.#stem = stem;
    this.#preset = preset;
  }

  public get frames(): number {
    return this.#frames;
  }

  /** Adds a frame; waits while ffmpeg is behind. */
  public async add(frame: VideoFrame, timeNs: bigint): Promise<void> {
    const signature = frame.kind === 'raw' ? `raw ${frame.pixelFormat} ${frame.width}x${frame.height}` : `${frame.format}`;
    if (this.#signature === undefined) {
      this.#signature = signature;
      this.#start(frame);
      this.#firstNs = timeNs;
    } else if (signature !== this.#signature) {
      this.#skipped += 1;
      return;
    }
    const child = this.#child;
    if (!child) return;
    this.#frames += 1;
    this.#lastNs = timeNs;
    const bytes = frame.kind === 'raw' ? frame.pixels : frame.data;
    if (!child.stdin.write(bytes)) await this.#drained(child);
  }

  /** Ends the encoding and writes the MP4; undefined when no frame came. */
  public async finish(signal: AbortSignal): Promise<CameraVideoResult | undefined> {
    const child = this.#child;
    if (!child || this.#frames === 0) return undefined;
    child.stdin.end();
    const code = await this.#exit;
    if (code !== 0) throw new Error(`ffmpeg encoding the ${this.sensor} video exited with ${code ?? 'a signal'}: ${this.#stderr.trim() || 'no message'}`);
    const spanSeconds = Number(this.#lastNs - this.#firstNs) / 1e9;
    const fps = this.#frames > 1 && spanSeconds > 0 ? (this.#frames - 1) / spanSeconds : 1;
    const path = join(this.#dir, `${this.#stem}.mp4`);
    const retimed = join(this.#dir, `${this.#stem}.retimed.h264`);
    const rate = fps.toFixed(6);
    // An H.264 stream's timing info counts fields: two ticks per frame.
    await runFfmpeg(['-i', this.#encodedPath(), '-c', 'copy', '-bsf:v', `h264_metadata=tick_rate=${(2 * fps).toFixed(6)}`, '-f', 'h264', retimed], signal);
    await runFfmpeg(['-r', rate, '-i', retimed, '-c', 'copy', '-movflags', '+faststart', path], signal);
    await rm(this.#encodedPath(), { force: true });
    await rm(retimed, { force: true });
    return { path, frames: this.#frames, skipped: this.#skipped, width: this.#width, height: this.#height, fps, firstNs: this.#firstNs, lastNs: this.#lastNs };
  }

  /** Stops ffmpeg (an aborted job). */
  public kill(): void {
    this.#child?.kill('SIGKILL');
  }

  #encodedPath(): string {
    return join(this.#dir, `${this.#stem}.nominal.h264`);
  }

  #start(frame: VideoFrame): void {
    this.#width = frame.width - (frame.width % 2);
    this.#height = frame.height - (frame.height % 2);
    const input = frame.kind === 'raw'
      ? ['-f', 'rawvideo', '-pix_fmt', frame.pixelFormat, '-s', `${frame.width}x${frame.height}`]
      : ['-f', 'image2pipe', '-c:v', frame.format === 'jpeg' ? 'mjpeg' : 'png'];
    const args = [
      '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
      ...input, '-framerate', String(NOMINAL_FPS), '-i', 'pipe:0',
      '-vf', `scale=${this.#width}:${this.#height}`, '-c:v', 'libx264', '-preset', this.#preset, '-bf', '0', '-pix_fmt', 'yuv420p',
      '-f', 'h264', this.#encodedPath(),
    ];
    const child = spawn(ffmpegPath(), args, { stdio: ['pipe', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    // A write after ffmpeg died fails with EPIPE; the exit code says why.
    child.stdin.on('error', () => undefined);
    this.#exit = new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code));
    });
    this.#child = child;
  }

  /** Resolves when ffmpeg has taken the pending bytes; rejects if it dies first. */
  #drained(child: ChildProcessByStdio<Writable, null, Readable>): Promise<void> {
    return new Promise((resolve, reject) => {
      const onDrain = (): void => {
        child.off('close', onClose);
        resolve();
      };
      const onClose = (code: number | null): void => {
        child.stdin.off('drain', onDrain);
        reject(new Error(`ffmpeg encoding the ${this.sensor} video stopped (exit ${code ?? 'a signal'}): ${this.#stderr.trim() || 'no message'}`));
      };
      child.stdin.once('drain', onDrain);
      child.once('close', onClose);
    });
  }
}
