import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { AssetType } from '../../shared/scenebox/constants';
import { standardizeName } from '../../shared/scenebox/standardizeName';
import { ItemReport } from '../annotations/ItemReport';
import { readObjectToFile } from '../annotations/storedObjects';
import type { JobContext } from '../jobs/JobService';
import type { Doc, WriteMode } from '../meta/mergeDocuments';
import type { EngineServices } from '../services/EngineServices';
import { objectUri } from '../storage/objectKeys';

export interface ObjectAccess {
  uri: string;
  filename: string;
}

/**
 * Said of an id that is not an asset of the caller's organization: the same words whether it is
 * unknown or another organization's, so that a job tells nothing about other organizations.
 */
export const NOT_FOUND = 'not found in this organization';

/** New documents replace old ones of the same id but keep the sets the asset was already in. */
export const REPLACE_KEEP_SETS: WriteMode = { replace: true, replaceSets: false };
/** Updates deep-merge into the stored document (a new `thumbnails.<tag>` beside the others). */
export const MERGE: WriteMode = { replace: false, replaceSets: false };

/**
 * One run of a media job: a scratch folder under `<dataDir>/tmp/` removed at the end (and at the
 * start, should a crashed run have left it), per-item bookkeeping (an item that fails is noted and
 * the others go on), and the organization's assets and objects.
 */
export class MediaJobRun {
  public readonly services: EngineServices;
  public readonly ctx: JobContext;
  public readonly report: ItemReport;
  public readonly workDir: string;
  #items = 0;

  private constructor(services: EngineServices, ctx: JobContext, workDir: string) {
    this.services = services;
    this.ctx = ctx;
    this.report = new ItemReport(ctx);
    this.workDir = workDir;
  }

  /** Runs `body` (which answers the summary note) in a fresh scratch folder; aborts when every item failed. */
  public static async run(services: EngineServices, ctx: JobContext, name: string, body: (run: MediaJobRun) => Promise<string>): Promise<void> {
    const workDir = join(services.dataDir, 'tmp', `${name}-${ctx.jobId}`);
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(workDir, { recursive: true });
    const run = new MediaJobRun(services, ctx, workDir);
    let summary: string;
    try {
      summary = await body(run);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
    run.report.finish(summary);
  }

  public get org(): string {
    return this.ctx.organizationId;
  }

  public asset(type: AssetType, rawId: string): Doc | undefined {
    return this.services.meta.get({ organizationId: this.org, assetType: type }, standardizeName(rawId));
  }

  /**
   * Does one item in a scratch folder of its own (removed after it). A failure is noted under
   * `name` and answered `false`; cancelling the job stops the whole run instead.
   */
  public async item(name: string, work: (dir: string) => Promise<void>): Promise<boolean> {
    this.ctx.signal.throwIfAborted();
    const dir = join(this.workDir, `item-${++this.#items}`);
    mkdirSync(dir, { recursive: true });
    try {
      await work(dir);
      this.report.ok();
      return true;
    } catch (error) {
      if (this.ctx.signal.aborted) throw this.ctx.signal.reason;
      this.report.fail(name, this.#withoutScratchPaths(error, dir));
      return false;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** ffmpeg and ffprobe name the files they read: the scratch folder means nothing to the client. */
  #withoutScratchPaths(error: unknown, dir: string): string {
    const message = error instanceof Error ? error.message : String(error);
    return [join(dir, 'input'), dir, this.workDir].reduce((text, folder) => text.split(`${folder}${sep}`).join(''), message);
  }

  /** Runs `work` on each named asset of the organization, in order, once per id. */
  public async forEachAsset(type: AssetType, rawIds: readonly string[], stage: string, work: (doc: Doc, dir: string) => Promise<void>): Promise<void> {
    const ids = [...new Set(rawIds.map(standardizeName))];
    for (const [i, id] of ids.entries()) {
      const doc = this.asset(type, id);
      if (!doc) this.report.fail(`${type.replace(/s$/, '')} ${id}`, NOT_FOUND);
      else await this.item(itemName(type, doc), (dir) => work(doc, dir));
      this.ctx.progress(((i + 1) / ids.length) * 100, stage);
    }
  }

  /**
   * Copies an asset's bytes into `dir/input/`, under the name it was uploaded with when that is a plain
   * file name (so that ffmpeg's complaints name the client's file), and answers the path.
   */
  public async fetchInput(doc: Doc, dir: string): Promise<string> {
    const filename = (doc.object_access as { filename?: unknown } | null | undefined)?.filename;
    const name = typeof filename === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(filename) ? filename : 'source';
    // A folder of its own, so that no output the job writes into `dir` can have the input's name.
    const file = join(dir, 'input', name);
    mkdirSync(join(dir, 'input'), { recursive: true });
    await this.readInput(doc, file);
    return file;
  }

  /** Copies the bytes of an asset (its `object_access`) to a local file. */
  public async readInput(doc: Doc, file: string): Promise<void> {
    await readObjectToFile(this.services.storage, this.org, doc.object_access, file);
  }

  /** Stores a file (a path) or bytes the job made as an object of the organization. */
  public async store(fileId: string, source: string | Uint8Array, contentType: string): Promise<ObjectAccess> {
    const record = await this.services.storage.putObject(this.org, fileId, typeof source === 'string' ? createReadStream(source) : source, contentType);
    return { uri: objectUri(record.bucket, record.key), filename: fileId.split('/').pop() ?? fileId };
  }

  public write(type: AssetType, id: string, doc: Doc, mode: WriteMode): Doc {
    const written = this.services.meta.write({ organizationId: this.org, assetType: type }, [{ id, doc: { ...doc, id, owner: this.org } }], mode);
    return written[0] ?? doc;
  }
}

/** `video chaplin_mp4 (chaplin.mp4)`: the id, and the file name the asset was uploaded as. */
export function itemName(type: AssetType, doc: Doc): string {
  const access = doc.object_access;
  const filename = access !== null && typeof access === 'object' ? (access as { filename?: unknown }).filename : undefined;
  return `${type.replace(/s$/, '')} ${String(doc.id)}${typeof filename === 'string' && filename !== '' ? ` (${filename})` : ''}`;
}
