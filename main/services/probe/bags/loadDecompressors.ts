import Bzip2 from '@foxglove/wasm-bz2';
import decompressLz4 from '@foxglove/wasm-lz4';
import * as zstd from '@foxglove/wasm-zstd';
import type { DecompressHandlers } from '@mcap/core';

/**
 * Chunk headers state their uncompressed size and the wasm decompressors allocate exactly that much
 * up front, so a corrupt size would grow the wasm heap for good (or abort the module). Real chunks
 * are kilobytes to a few hundred megabytes.
 */
export const MAX_CHUNK_BYTES = 1024 * 1024 * 1024;

type Decompress = (compressed: Uint8Array, size: number) => Uint8Array;

export interface Decompressors {
  /** Keyed by ROS 1 chunk `compression` field. */
  ros1: Record<string, Decompress>;
  /** Keyed by MCAP chunk `compression` field. */
  mcap: DecompressHandlers;
}

let loading: Promise<Decompressors> | undefined;

/** The wasm modules load asynchronously once per process; every probe shares them. */
export function loadDecompressors(): Promise<Decompressors> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<Decompressors> {
  const [bzip2] = await Promise.all([Bzip2.init(), decompressLz4.isLoaded, zstd.isLoaded]);
  const bz2 = checked('bz2', (data, size) => bzip2.decompress(data, size, { small: false }));
  const lz4 = checked('lz4', (data, size) => decompressLz4(data, size));
  const zst = checked('zstd', (data, size) => zstd.decompress(data, size));
  return {
    ros1: { bz2, lz4 },
    mcap: {
      lz4: (data, size) => lz4(data, Number(size)),
      zstd: (data, size) => zst(data, Number(size)),
    },
  };
}

function checked(name: string, decompress: Decompress): Decompress {
  return (data, size) => {
    if (!Number.isSafeInteger(size) || size < 0 || size > MAX_CHUNK_BYTES) {
      throw new Error(`${name} chunk claims ${size} uncompressed bytes (limit ${MAX_CHUNK_BYTES})`);
    }
    let out: Uint8Array;
    try {
      out = decompress(data, size);
    } catch (error) {
      throw new Error(`${name} chunk: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (out.byteLength !== size) {
      throw new Error(`${name} chunk decompressed to ${out.byteLength} bytes, header says ${size}`);
    }
    return out;
  };
}

