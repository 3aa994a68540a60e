import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobKind } from '../jobs/JobService';
import type { EngineServices } from '../services/EngineServices';
import { drawBoxFilters } from './drawBoxFilters';
import { parseFramesCsv, type CsvBox } from './framesCsv';
import { extensionOf, framesInFolder, sortFrames, type Frame } from './frameSources';
import { makeFramesVideo } from './makeFramesVideo';
import { MediaJobRun } from './MediaJobRun';
import { annotatedVideoSchema } from './mediaRequestSchemas';

const MAX_CSV_BYTES = 64 * 1024 * 1024;

/** Boxes by the index of their frame in the video; boxes on no frame of it are counted. */
function boxesByFrame(frames: readonly Frame[], boxes: readonly CsvBox[]): { byFrame: Map<number, CsvBox[]>; unmatched: number } {
  const index = new Map(frames.map((f, i) => [f.ns.toString(), i]));
  const byFrame = new Map<number, CsvBox[]>();
  let unmatched = 0;
  for (const box of boxes) {
    const i = index.get(box.ns.toString());
    if (i === undefined) unmatched += 1;
    else byFrame.set(i, [...(byFrame.get(i) ?? []), box]);
  }
  return { byFrame, unmatched };
}

/**
 * `make_video_with_annotations_from_uris`: a `width` x `height` video of timed frames with the 2D
 * boxes of a CSV (columns in framesCsv.ts) drawn on their frames, tagged `annotated`. Frames come
 * from the request's folder when it names one, else from the CSV's `image_uri` column. CSV rows
 * that cannot be read are noted and left out; so are boxes whose timestamp is no frame's.
 */
export function annotatedVideoJob(services: EngineServices): JobKind {
  return {
    jobType: 'video_extraction',
    resumable: true,
    run: (ctx) => MediaJobRun.run(services, ctx, 'annotated-video', async (run) => {
      const request = annotatedVideoSchema.parse(ctx.payload);
      const csvName = `CSV ${request.csv_object_access.uri}`;
      const csvFile = join(run.workDir, 'boxes.csv');
      await run.readInput({ object_access: request.csv_object_access }, csvFile).catch((error: unknown) => {
        throw new Error(`${csvName} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
      });
      const { size } = await stat(csvFile);
      if (size > MAX_CSV_BYTES) throw new Error(`${csvName} holds ${size} bytes, more than the ${MAX_CSV_BYTES} this job reads`);
      let csv;
      try {
        csv = parseFramesCsv(await readFile(csvFile, 'utf8'));
      } catch (error) {
        throw new Error(`${csvName}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      for (const problem of csv.problems) run.report.skip(csvName, problem);
      const frames = request.folder !== null && request.folder !== undefined
        ? framesInFolder(services.storage, run.org, request.folder).frames
        : sortFrames([...csv.frames].map(([ns, uri]) => ({ ns: BigInt(ns), uri, ext: extensionOf(uri) })));
      let drawn = 0;
      const id = await makeFramesVideo(run, request, frames, {
        defaultId: (first) => `${request.sensor}_${first.ns}_annotated`,
        size: { width: request.width, height: request.height },
        tags: ['annotated'],
        overlay: (kept, size) => {
          const { byFrame, unmatched } = boxesByFrame(kept, csv.boxes);
          if (unmatched > 0) ctx.note(`${unmatched} box(es) of ${csvName} fall on no frame of the video (no frame has their timestamp, or image_skip_factor left it out)`);
          drawn = csv.boxes.length - unmatched;
          return drawBoxFilters(byFrame, size);
        },
        extra: () => ({ boxes_drawn: drawn, annotations_csv: request.csv_object_access.uri }),
      });
      return id ? `made video ${id} of ${frames.length} frames with ${drawn} boxes` : 'made no video';
    }),
  };
}
