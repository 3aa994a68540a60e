import { spawnSync } from 'node:child_process';

// The wasm-bz2 package only decompresses and no bzip2 encoder is installed as a package, so bz2
// chunks are compressed by the system `bzip2` program (present on Linux and macOS CI images).
// Callers check bzip2Available() and skip bz2 cases where it is missing.

let available: boolean | undefined;

export function bzip2Available(): boolean {
  available ??= spawnSync('bzip2', ['--help'], { stdio: 'ignore' }).error === undefined;
  return available;
}

/** Compresses data into one bzip2 stream (level 9, as rosbag does). */
export function compressBzip2(data: Uint8Array): Uint8Array {
  const result = spawnSync('bzip2', ['-z', '-c', '-9'], { input: data, maxBuffer: data.length * 2 + 1024 * 1024 });
  if (result.error) throw new Error(`bz2 compression needs the bzip2 program on PATH: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`bzip2 exited with ${String(result.status)}: ${result.stderr.toString()}`);
  return result.stdout;
}
