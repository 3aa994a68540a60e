import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { PythonStyleAssets } from './PythonStyleAssets';
import { pyRequest } from './pythonStyleRequest';

type Doc = Record<string, unknown>;

/** `meta_batch/` with `replace=True&replace_sets=False`, as the client's bulk ingestion sends it. */
export async function putDocs(py: PythonStyleAssets, engineUrl: string, assetType: string, docs: readonly Doc[]): Promise<void> {
  const res = await pyRequest('POST', `${engineUrl}/am/v1/assets/meta_batch/`, py.amParams(assetType, { replace: true, replace_sets: false }), { ids: docs.map((d) => d.id), metadata: docs });
  if (res.status !== 200) throw new Error(`meta_batch/ of ${assetType} answered ${res.status}: ${res.text}`);
}

/** `add_videos`: the file through a presigned form post, then the document of observed requests item 11. */
export async function addVideo(py: PythonStyleAssets, engineUrl: string, file: string, id: string, extra: Doc = {}): Promise<Doc> {
  const fileId = basename(file);
  const access = await py.putFile('videos', fileId, readFileSync(file));
  const doc = {
    id, timestamp: '2026-03-01T10:00:00.000000+00:00', start_time: '2026-03-01T10:00:00.000000+00:00', end_time: null,
    width: null, height: null, duration: null, fps: null, sensor: 'front_cam', sets: ['videos_set'], tags: [], aux: {},
    session_uid: 'session_1', object_access: { filename: fileId, uri: access.uri }, ...extra,
  };
  await putDocs(py, engineUrl, 'videos', [doc]);
  return doc;
}

/** `add_lidars`: the PCD through a presigned form post, then `format "pcd", binary_format null, ...`. */
export async function addLidar(py: PythonStyleAssets, engineUrl: string, file: string, id: string, extra: Doc = {}): Promise<Doc> {
  const fileId = `${id}_${basename(file)}`;
  const access = await py.putFile('lidars', fileId, readFileSync(file));
  const doc = {
    id, format: 'pcd', binary_format: null, sensor: 'lidar_top', timestamp: '2026-03-01T10:00:00.000000+00:00', sets: ['lidars_set'], aux: {},
    object_access: { filename: fileId, uri: access.uri }, ...extra,
  };
  await putDocs(py, engineUrl, 'lidars', [doc]);
  return doc;
}

/** A job route posted as the client does; answers the finished or aborted job document. */
export async function runMediaJob(py: PythonStyleAssets, path: string, body: unknown, timeoutMs = 240_000): Promise<Doc> {
  const res = await py.se(path, body);
  const jobId = (res.json as { job_id?: string } | undefined)?.job_id;
  if (res.status !== 200 || !jobId) throw new Error(`${path} answered ${res.status}: ${res.text}`);
  return py.waitForJob(jobId, timeoutMs);
}

export const notesOf = (job: Doc): string[] => (Array.isArray(job.notes) ? job.notes.map(String) : []);
