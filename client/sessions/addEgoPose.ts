import { readFile } from 'node:fs/promises';
import { egoPoseSchema } from '../../shared/formats/egopose/egoPoseSchema';
import { describeZodIssue } from '../../shared/formats/describeZodIssue';
import { newGuid } from '../../shared/annotations/newGuid';
import type { WireDoc } from '../../shared/wire/searchWire';
import type { AssetManagerClient } from '../AssetManagerClient';
import type { SceneBoxHttp } from '../http/SceneBoxHttp';
import { sessionsApi } from './sessionsApi';

export interface EgoPoseInput {
  /** The frames themselves, or `path` to a JSON file of them. */
  data?: unknown;
  path?: string;
  title?: string;
}

/**
 * `add_ego_pose`: the frames (checked: frame, ISO timestamp, objects of lat/lon) uploaded as a
 * JSON file through the annotations asset manager, then named in the session's `auxiliary_data`
 * as `{object_access, type: "ego_pose"}` beside what is already there.
 */
export async function addEgoPose(se: SceneBoxHttp, annotations: AssetManagerClient, uid: string, input: EgoPoseInput): Promise<WireDoc> {
  if ((input.data === undefined) === (input.path === undefined)) throw new TypeError('addEgoPose takes exactly one of data and path');
  const what = input.path ?? 'ego pose data';
  let frames: unknown = input.data;
  if (input.path !== undefined) {
    try {
      frames = JSON.parse((await readFile(input.path, 'utf8')).replace(/^\uFEFF/, '')) as unknown;
    } catch (error) {
      throw new Error(`${what}: not a readable JSON file: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  const parsed = egoPoseSchema.safeParse(frames);
  if (!parsed.success) throw new Error(`${what}: not an ego pose file: ${describeZodIssue(parsed.error).text}`);
  const stored = await annotations.putFile(Buffer.from(JSON.stringify(parsed.data)), { id: `${uid}_${newGuid()}.json`, folder: 'ego_pose', contentType: 'application/json' });
  const filename = stored.fileId.split('/').pop() ?? stored.fileId;
  return sessionsApi.addAuxiliaryData(se, uid, [{ object_access: { uri: stored.uri, filename }, type: 'ego_pose', ...(input.title ? { title: input.title } : {}) }], false);
}
