import { createReadStream } from 'node:fs';
import { standardizeName } from '../../../shared/scenebox/standardizeName';
import type { Doc } from '../../meta/mergeDocuments';
import { nsToIso, nsToMicros } from '../extract/messageTime';
import type { AssetSink } from './AssetSink';
import type { CameraVideo } from './CameraVideo';
import type { EntityStaging } from './EntityStaging';

export interface VideoContext {
  sessionUid: string;
  key: string;
  sets: readonly string[];
  /** The topic each camera sensor came from. */
  topicOf: (sensor: string) => string | undefined;
  signal: AbortSignal;
}

export interface StoredVideos {
  /** `auxiliary_data` items of the session ({id, type: concatenated_video, tags: [sensor]}). */
  auxiliary: Doc[];
  sourceData: Doc[];
  count: number;
}

/**
 * Finishes each camera's video, stores it as a video asset (H.264 MP4) with a media entity
 * spanning its frames, and returns what the session records about it.
 */
export async function storeCameraVideos(videos: readonly CameraVideo[], assets: AssetSink, entities: EntityStaging, context: VideoContext): Promise<StoredVideos> {
  const out: StoredVideos = { auxiliary: [], sourceData: [], count: 0 };
  for (const video of videos) {
    const result = await video.finish(context.signal);
    if (!result) continue;
    const id = standardizeName(`${context.key}_${video.sensor}_video`);
    const start = nsToIso(result.firstNs);
    const end = nsToIso(result.lastNs);
    const duration = result.frames / result.fps;
    await assets.put({
      assetType: 'videos', id, fileId: `indexing/${context.sessionUid}/${context.key}/${standardizeName(video.sensor)}/${id}.mp4`,
      contentType: 'video/mp4', size: 0, bytes: () => Promise.resolve(createReadStream(result.path)),
      doc: {
        sensor: video.sensor, timestamp: start, start_time: start, end_time: end, width: result.width, height: result.height,
        duration, fps: result.fps, format: 'mp4', tags: ['concatenated'], sets: [...context.sets], session_uid: context.sessionUid,
        aux: { topic: context.topicOf(video.sensor) ?? null, frame_count: result.frames, skipped_frames: result.skipped, codec: 'h264' },
      },
    });
    await entities.add({
      session: context.sessionUid, timestamp: start, start_time: start, end_time: end, entity_id: id, entity_name: 'video', entity_value: id,
      entity_type: 'media', influence: 'affect_forward', extend_session: true, media_asset_id: id, sensor: video.sensor,
    }, nsToMicros(result.firstNs), nsToMicros(result.lastNs));
    out.auxiliary.push({ id, type: 'concatenated_video', tags: [video.sensor] });
    out.sourceData.push({ sensor: video.sensor, id, type: 'videos' });
    out.count += 1;
  }
  return out;
}
