import type { Doc } from '../../meta/mergeDocuments';
import type { RecordingTopic } from '../read/RecordingTopic';
import { nsToIso, type MessageTime } from '../extract/messageTime';
import type { EntityDict } from './EntityStaging';

/** What every media document of an indexed message says about where it came from. */
export interface MediaOrigin {
  sessionUid: string;
  sensor: string;
  channel: RecordingTopic;
  frameId: string | undefined;
  /** The message's index on its topic (0-based, before any skip factor). */
  sequence: number;
  logTimeNs: bigint;
  time: MessageTime;
  sets: readonly string[];
}

/**
 * The fields the Python client writes for a media asset (wire protocol §5.3), plus `aux` naming
 * the topic, frame_id and message type, both times, and which of them `timestamp` is.
 */
export function mediaDoc(origin: MediaOrigin, fields: Doc, aux: Doc = {}): Doc {
  return {
    sensor: origin.sensor,
    timestamp: nsToIso(origin.time.ns),
    session_uid: origin.sessionUid,
    sets: [...origin.sets],
    ...fields,
    aux: {
      topic: origin.channel.topic,
      frame_id: origin.frameId ?? null,
      message_type: origin.channel.rawType,
      sequence: origin.sequence,
      timestamp_source: origin.time.source,
      log_time: nsToIso(origin.logTimeNs),
      header_stamp: origin.time.headerNs === undefined ? null : nsToIso(origin.time.headerNs),
      ...aux,
    },
  };
}

/** The media entity of an image or a lidar scan (what add_images / add_lidars add to a session). */
export function mediaEntity(origin: MediaOrigin, name: 'image' | 'lidar', assetId: string, entityId: string): EntityDict {
  const at = nsToIso(origin.time.ns);
  return {
    session: origin.sessionUid, timestamp: at, start_time: at, end_time: at, entity_id: entityId, entity_name: name,
    entity_value: assetId, entity_type: 'media', influence: 'interval', media_asset_id: assetId, sensor: origin.sensor,
  };
}
