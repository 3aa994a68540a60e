import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Annotation } from '../../shared/annotations/Annotation';
import { mediaAnnotationFields } from '../../shared/annotations/mediaAnnotationFields';
import { pyFormUpload, pyRequest, type PyResponse } from './pythonStyleRequest';

type Params = Record<string, string | number | boolean | undefined>;

/** What the Python client writes for an image (add_images / add_coco_annotations_from_folder). */
export interface ImageSpec {
  file: string;
  id: string;
  width: number;
  height: number;
  format: string;
  sensor?: string | null;
  setId?: string;
  timestamp?: string;
}

/**
 * Writes assets and annotations to an engine the way the public SceneBox Python client does
 * (observed requests, items 3, 5, 6 and 12): presigned form uploads, `meta_batch/` with
 * `replace=True` for new documents, `meta_batch` (no slash) with `replace=False` to attach
 * annotations to images; and reads jobs the way it polls them.
 */
export class PythonStyleAssets {
  readonly #engineUrl: string;
  readonly #am: string;
  readonly #token: string;

  public constructor(engineUrl: string, token: string) {
    this.#engineUrl = engineUrl;
    this.#am = `${engineUrl}/am/v1`;
    this.#token = token;
  }

  public amParams(assetType: string, extra: Params = {}): Params {
    return { ...extra, asset_type: assetType, metadata_only: ['sessions', 'jobs', 'objects'].includes(assetType), token: this.#token };
  }

  /** `POST <SE>/v1/<path>` with `?token=`, as the SceneEngineClient sends it. */
  public se(path: string, body?: unknown, params: Params = {}): Promise<PyResponse> {
    return pyRequest('POST', `${this.#engineUrl}/v1/${path}`, { ...params, token: this.#token }, body);
  }

  /** `put_file`: a presigned form upload under `fileId`; returns the object access the client records. */
  public async putFile(assetType: string, fileId: string, bytes: Uint8Array, contentType?: string): Promise<{ uri: string; filename: string }> {
    const urls = await pyRequest('POST', `${this.#am}/assets/temporary_upload_url/`, this.amParams(assetType), { ids: [fileId], ...(contentType ? { content_type: contentType } : {}) });
    const entry = (urls.json as Record<string, { url: string; fields: Record<string, string>; uri: string }>)[fileId];
    if (!entry) throw new Error(`no upload URL for ${fileId}: ${urls.text}`);
    const status = await pyFormUpload(entry.url, entry.fields, bytes);
    if (status !== 204) throw new Error(`form upload of ${fileId} answered ${status}`);
    return { uri: entry.uri, filename: entry.uri.split('/').pop() ?? fileId };
  }

  /** Whether the engine still holds the object a URI names (`url_from_object_access` answers 404 otherwise). */
  public async objectExists(uri: string): Promise<boolean> {
    const res = await pyRequest('POST', `${this.#am}/storage/url_from_object_access/`, { token: this.#token }, { uri });
    if (res.status !== 200 && res.status !== 404) throw new Error(`url_from_object_access answered ${res.status}: ${res.text}`);
    return res.status === 200;
  }

  /** The bytes behind an object access, downloaded through a presigned URL as the client does. */
  public async download(uri: string): Promise<Buffer> {
    const res = await pyRequest('POST', `${this.#am}/storage/url_from_object_access/`, { token: this.#token }, { uri });
    const url = (res.json as { url?: string } | undefined)?.url;
    if (!url) throw new Error(`no URL for ${uri}: ${res.text}`);
    return Buffer.from(await (await fetch(url)).arrayBuffer());
  }

  public async uploadImage(spec: ImageSpec): Promise<Record<string, unknown>> {
    const fileId = basename(spec.file);
    const access = await this.putFile('images', fileId, readFileSync(spec.file));
    await pyRequest('DELETE', `${this.#am}/assets/clear_bytes_from_cache`, this.amParams('images', { id: fileId }));
    const doc = {
      width: spec.width, height: spec.height, format: spec.format, sensor: spec.sensor ?? null,
      timestamp: spec.timestamp ?? '2026-11-27T10:00:00.000001', sets: [spec.setId ?? 'set_images'], preprocesses: [],
      id: spec.id, object_access: { filename: fileId, uri: access.uri },
    };
    await this.#ok(pyRequest('POST', `${this.#am}/assets/meta_batch/`, this.amParams('images', { replace: true, replace_sets: false }), { ids: [spec.id], metadata: [doc] }));
    return doc;
  }

  /** `add_annotations`: the documents with `meta_batch/`, then each image's references with `meta_batch`. */
  public async addAnnotations(annotations: readonly Annotation[], addProviderToLabels = true): Promise<void> {
    const docs = annotations.map((a) => a.toDocument());
    await this.#ok(pyRequest('POST', `${this.#am}/assets/meta_batch/`, this.amParams('annotations', { replace: true, replace_sets: false }), { ids: docs.map((d) => d.id), metadata: docs }));
    const byAsset = new Map<string, Annotation[]>();
    for (const a of annotations) byAsset.set(a.assetId, [...(byAsset.get(a.assetId) ?? []), a]);
    const mediaType = annotations[0]?.mediaType ?? 'images';
    const ids = [...byAsset.keys()];
    const metadata = ids.map((id) => mediaAnnotationFields(byAsset.get(id) ?? [], addProviderToLabels));
    await this.#ok(pyRequest('POST', `${this.#am}/assets/meta_batch`, this.amParams(mediaType, { replace: false, replace_sets: false, buffered_write: false }), { ids, metadata }));
  }

  public async meta(assetType: string, id: string): Promise<Record<string, unknown> | undefined> {
    const res = await pyRequest('GET', `${this.#am}/assets/meta/${id}`, this.amParams(assetType));
    return res.status === 200 ? (res.json as Record<string, unknown>) : undefined;
  }

  public async searchMeta(assetType: string, search: unknown): Promise<Record<string, unknown>[]> {
    const res = await pyRequest('POST', `${this.#am}/assets/meta`, this.amParams(assetType, { size: 5000, offset: 0, scan: false }), search);
    return res.json as Record<string, unknown>[];
  }

  /** `_wait_for_job_completion`: polls the job as an asset of type `jobs` until it is finished or aborted. */
  public async waitForJob(jobId: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.meta('jobs', jobId);
      if (job && (job.status === 'finished' || job.status === 'aborted')) return job;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${String(job?.status)} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Posts a job route and waits for its job. */
  public async runJob(path: string, body: unknown): Promise<Record<string, unknown>> {
    const res = await this.se(path, body);
    const jobId = (res.json as { job_id?: string } | undefined)?.job_id;
    if (res.status !== 200 || !jobId) throw new Error(`${path} answered ${res.status}: ${res.text}`);
    return this.waitForJob(jobId);
  }

  async #ok(pending: Promise<PyResponse>): Promise<void> {
    const res = await pending;
    if (res.status !== 200) throw new Error(`request failed with ${res.status}: ${res.text}`);
  }
}
