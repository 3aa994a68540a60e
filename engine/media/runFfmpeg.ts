import { spawn } from 'node:child_process';
import { ffmpegPath } from './ffmpegPath';

/** Keep this much of ffmpeg's stderr for an error message. */
const STDERR_TAIL = 2000;

/**
 * Runs ffmpeg with `args` (input and output are files the caller chose). Rejects with the end of
 * ffmpeg's stderr when it exits non-zero; the signal kills it when the job is cancelled.
 */
export function runFfmpeg(args: readonly string[], signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'], ...(signal ? { signal } : {}),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`ffmpeg exited with ${code ?? 'a signal'}: ${stderr.trim() || 'no message'}`));
    });
  });
}
