import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { parsePcd } from '../../shared/formats/pcd/parsePcd';
import type { JobKind } from '../jobs/JobService';
import type { Doc } from '../meta/mergeDocuments';
import type { EngineServices } from '../services/EngineServices';
import { MediaJobRun, MERGE } from './MediaJobRun';
import { compressLidarsSchema } from './mediaRequestSchemas';
import { subsamplePcd } from './subsamplePcd';

const gzipAsync = promisify(gzip);

/** Whole clouds are parsed in memory; a scan larger than this is refused rather than risking the engine. */
const MAX_LIDAR_BYTES = 1024 * 1024 * 1024;
const DEFAULT_SKIP_FACTORS = [1, 10, 100];

/**
 * `compress_lidars`: for each skip factor a binary PCD of every n-th point (all fields kept),
 * gzipped unless `gzip_compress` is false, recorded as `compressed_versions.skip_<n> =
 * {object_access, skip_factor, num_points, format, data, gzip, size_bytes}`.
 */
export function compressLidarsJob(services: EngineServices): JobKind {
  return {
    jobType: 'lidar_compression',
    resumable: true,
    run: (ctx) => MediaJobRun.run(services, ctx, 'compress-lidars', async (run) => {
      const request = compressLidarsSchema.parse(ctx.payload);
      const skips = [...new Set(request.skip_factors ?? DEFAULT_SKIP_FACTORS)];
      const gzipped = request.gzip_compress ?? true;
      await run.forEachAsset('lidars', request.ids, 'compressing lidars', async (doc, dir) => {
        const id = String(doc.id);
        if (typeof doc.format === 'string' && doc.format.toLowerCase() !== 'pcd') throw new Error(`its format is ${doc.format}; only PCD lidars are compressed`);
        const source = await run.fetchInput(doc, dir);
        const { size } = await stat(source);
        if (size > MAX_LIDAR_BYTES) throw new Error(`it holds ${size} bytes, more than the ${MAX_LIDAR_BYTES} bytes a lidar may have to be compressed`);
        let pcd;
        try {
          pcd = parsePcd(await readFile(source));
        } catch (error) {
          throw new Error(`not a PCD file this engine reads: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        const versions: Doc = {};
        for (const skip of skips) {
          ctx.signal.throwIfAborted();
          const plain = subsamplePcd(pcd, skip);
          const bytes = gzipped ? await gzipAsync(plain) : plain;
          const name = `skip_${skip}`;
          const access = await run.store(`compressed/lidars/${id}/${name}.pcd${gzipped ? '.gz' : ''}`, bytes, gzipped ? 'application/gzip' : 'application/octet-stream');
          versions[name] = {
            object_access: access, skip_factor: skip, num_points: Math.ceil(pcd.header.points / skip),
            format: 'pcd', data: 'binary', gzip: gzipped, size_bytes: bytes.length,
          };
        }
        run.write('lidars', id, { compressed_versions: versions }, MERGE);
      });
      return `compressed ${run.report.counts().done} lidars with skip factors ${skips.join(', ')}`;
    }),
  };
}
