import { execFile } from 'node:child_process';
import { ffprobePath } from './ffprobePath';
import { ffprobeOutputSchema, type FfprobeOutput } from './ffprobeOutputSchema';

const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** `ffprobe -show_format -show_streams` as validated JSON; rejects with ffprobe's own complaint. */
export async function runFfprobe(filePath: string, timeoutMs: number): Promise<FfprobeOutput> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', filePath];
  const stdout = await execTool(ffprobePath(), args, timeoutMs);
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new Error(`ffprobe printed something that is not JSON: ${JSON.stringify(stdout.slice(0, 200))}`);
  }
  const parsed = ffprobeOutputSchema.safeParse(json);
  if (!parsed.success) throw new Error(`unexpected ffprobe output: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** Runs ffprobe to completion; a timeout, a crash or a non-zero exit becomes an Error with the reason. */
function execTool(binary: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, killSignal: 'SIGKILL', windowsHide: true }, (error, stdout, stderr) => {
      if (!error) {
        resolve(stdout);
        return;
      }
      if (error.killed) {
        reject(new Error(`ffprobe did not finish within ${timeoutMs} ms and was stopped`));
        return;
      }
      if (error.signal) {
        reject(new Error(`ffprobe was ended by signal ${error.signal}`));
        return;
      }
      const complaint = stderr.trim().split('\n').pop() ?? '';
      reject(new Error(complaint !== '' ? `ffprobe: ${complaint}` : `ffprobe failed: ${error.message}`));
    });
  });
}
