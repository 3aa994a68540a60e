import { join } from 'node:path';
import { standardizeName } from '../../shared/scenebox/standardizeName';
import type { JobKind } from '../jobs/JobService';
import { runFfmpeg } from '../media/runFfmpeg';
import type { Doc } from '../meta/mergeDocuments';
import type { EngineServices } from '../services/EngineServices';
import { concatPlan, type ConcatInput } from './concatPlan';
import { itemName, MediaJobRun, NOT_FOUND, REPLACE_KEEP_SETS } from './MediaJobRun';
import { concatenateSchema } from './mediaRequestSchemas';
import { videoStartMicros } from './mediaTimes';
import { probeVideo } from './probeVideo';
import { videoAssetDoc } from './videoAssetDoc';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * `concatenate_videos`: one MP4 of the videos in the order given (an id may repeat), as the video
 * `output_video_id`. Its metadata is `video_metadata`, with sizes, duration and rate read from the
 * file, `tags` plus `concatenated`, `source_video_ids`, and the start time, sensor and session of
 * `video_metadata` or else of the first video. A video that is missing or unreadable is noted and
 * left out; the others are still joined.
 */
export function concatenateVideosJob(services: EngineServices): JobKind {
  return {
    jobType: 'video_concatenation',
    resumable: true,
    run: (ctx) => MediaJobRun.run(services, ctx, 'concatenate-videos', async (run) => {
      const request = concatenateSchema.parse(ctx.payload);
      const outputId = standardizeName(request.output_video_id);
      const inputs: (ConcatInput & { doc: Doc })[] = [];
      for (const [i, rawId] of request.ids.entries()) {
        const doc = run.asset('videos', rawId);
        if (!doc) {
          run.report.fail(`video ${standardizeName(rawId)}`, NOT_FOUND);
          continue;
        }
        await run.item(itemName('videos', doc), async () => {
          // Outside the item's own folder, which is removed when the item is done.
          const file = await run.fetchInput(doc, join(run.workDir, `video_${i}`));
          inputs.push({ file, doc, facts: await probeVideo(file) });
        });
        ctx.progress(((i + 1) / request.ids.length) * 50, 'reading videos');
      }
      const [first] = inputs;
      if (!first) return `made no video ${outputId}: no input could be read`;
      const out = join(run.workDir, 'concatenated.mp4');
      const plan = concatPlan(inputs, run.workDir, out);
      ctx.progress(50, `joining ${inputs.length} videos (${plan.method})`);
      await runFfmpeg(plan.args, ctx.signal);
      const facts = await probeVideo(out);
      const access = await run.store(`generated/videos/${outputId}.mp4`, out, 'video/mp4');
      const meta: Doc = request.video_metadata ?? {};
      run.write('videos', outputId, videoAssetDoc({
        facts, object_access: access, startUs: videoStartMicros(meta) ?? videoStartMicros(first.doc),
        sensor: meta.sensor ?? first.doc.sensor, session_uid: meta.session_uid ?? first.doc.session_uid,
        sets: strings(meta.sets), tags: [...strings(meta.tags), 'concatenated'],
      }, { ...meta, source_video_ids: inputs.map((i) => String(i.doc.id)) }), REPLACE_KEEP_SETS);
      return `joined ${inputs.length} videos into ${outputId} (${plan.method})`;
    }),
  };
}
