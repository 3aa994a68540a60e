import { createHash, type Hash } from 'node:crypto';
import { extname } from 'node:path';
import type { JobContext } from '../jobs/JobService';
import type { Doc } from '../meta/mergeDocuments';
import type { MetaStore } from '../meta/MetaStore';
import { objectAccessSchema } from '../services/AssetService';
import type { ObjectRecord } from '../storage/ObjectCatalog';
import { objectKey } from '../storage/objectKeys';
import type { ObjectStorage } from '../storage/ObjectStorage';
import { yieldTurn } from './forEachBatch';
import type { SetDocument } from './setDocument';
import { SetStore } from './SetStore';
import { ZipFeed } from './ZipFeed';
import { zipEntryName } from './zipEntryName';

/** Members read per step; the archive waits for yazl when more than MAX_QUEUED entries are pending. */
const PAGE = 200;
const MAX_QUEUED = 64;
/** Set fields that change while a job runs on the set; they are not part of what a zip holds. */
const VOLATILE_SET_FIELDS = new Set(['status', 'operations', 'locked']);

export interface WrittenZip {
  record: ObjectRecord;
  fingerprint: string;
  members: number;
  annotations: number;
  files: number;
  /** Members whose file could not be put in the archive, and why. */
  skipped: string[];
}

interface Member {
  doc: Doc;
  id: string;
  file: { record: ObjectRecord; name: string } | undefined;
  skipped: string | undefined;
}

/**
 * Writes a set as a zip (wire protocol §6.3: the asset files with their extension, each asset's
 * metadata JSON and the annotations of the members), streamed straight into the object storage:
 *
 *   set.json                      the set document
 *   <assets_type>/<id><ext>       each member's stored file, when it has one in the engine
 *   metadata/<id>.json            each member's metadata
 *   annotations/<id>.json         each annotation whose asset_id is a member
 *
 * The fingerprint (SHA-256 over the set's own fields, every member document, the digest of every
 * member file and every annotation) tells whether a zip made earlier still matches the set.
 */
export class SetZipWriter {
  readonly #meta: MetaStore;
  readonly #storage: ObjectStorage;
  readonly #store: SetStore;

  public constructor(meta: MetaStore, storage: ObjectStorage, store: SetStore) {
    this.#meta = meta;
    this.#storage = storage;
    this.#store = store;
  }

  public async fingerprint(ctx: JobContext, set: SetDocument): Promise<string> {
    const hash = createHash('sha256');
    hash.update(manifestOf(set));
    for await (const page of this.#pages(ctx, set)) {
      for (const member of page.members) hashMember(hash, member);
      for (const annotation of page.annotations) hashAnnotation(hash, annotation);
    }
    return hash.digest('hex');
  }

  public async write(ctx: JobContext, set: SetDocument, fileId: string, total: number): Promise<WrittenZip> {
    const org = ctx.organizationId;
    const feed = new ZipFeed();
    const stored = this.#storage.storeFormUpload(
      { bucket: this.#storage.bucket, key: objectKey(org, fileId), organizationId: org, expires: 0, contentType: 'application/zip' },
      feed.output,
      'application/zip',
    );
    stored.catch((error: unknown) => feed.fail(error));
    const used = new Set<string>();
    const hash = createHash('sha256');
    const counts = { members: 0, annotations: 0, files: 0 };
    const skipped: string[] = [];
    try {
      const manifest = manifestOf(set);
      hash.update(manifest);
      feed.addBytes(zipEntryName(['set.json'], used), Buffer.from(manifest));
      for await (const page of this.#pages(ctx, set)) {
        for (const member of page.members) {
          hashMember(hash, member);
          if (member.file) {
            const { record } = member.file;
            feed.addStream(zipEntryName([set.assets_type, member.file.name], used), record.size, () => this.#storage.read(record));
            counts.files += 1;
          }
          if (member.skipped) skipped.push(member.skipped);
          feed.addBytes(zipEntryName(['metadata', `${member.id}.json`], used), jsonBytes(member.doc));
        }
        for (const annotation of page.annotations) {
          hashAnnotation(hash, annotation);
          feed.addBytes(zipEntryName(['annotations', `${String(annotation.id)}.json`], used), jsonBytes(annotation));
        }
        counts.members += page.members.length;
        counts.annotations += page.annotations.length;
        ctx.progress(total > 0 ? (99 * counts.members) / total : 0);
        await feed.drain(MAX_QUEUED);
      }
      feed.end();
      const record = await stored;
      return { record, fingerprint: hash.digest('hex'), ...counts, skipped };
    } catch (error) {
      feed.fail(error);
      await stored.catch(() => undefined);
      throw error;
    }
  }

  /** The members in id order, a page at a time, each with its file and its annotations. */
  async *#pages(ctx: JobContext, set: SetDocument): AsyncGenerator<{ members: Member[]; annotations: Doc[] }> {
    const org = ctx.organizationId;
    const scope = SetStore.memberScope(org, set);
    const query = this.#store.memberQuery(set);
    let after: string | undefined;
    for (;;) {
      ctx.signal.throwIfAborted();
      const ids = this.#meta.searchIds(scope, query, { size: PAGE, offset: 0, sortField: 'id', sortOrder: 'asc', ...(after !== undefined ? { searchAfter: after } : {}) });
      if (ids.length === 0) return;
      const members = this.#meta.getMany(scope, ids).map((doc) => this.#member(org, doc));
      yield { members, annotations: this.#annotationsOf(org, set, ids) };
      if (ids.length < PAGE) return;
      after = ids[ids.length - 1];
      await yieldTurn();
    }
  }

  #member(org: string, doc: Doc): Member {
    const id = String(doc.id);
    const access = objectAccessSchema.safeParse(doc.object_access);
    if (!access.success || (!access.data.uri && !access.data.url)) return { doc, id, file: undefined, skipped: undefined };
    if (!access.data.uri) return { doc, id, file: undefined, skipped: `${id}: its file is at an outside URL, not stored in the engine` };
    let record: ObjectRecord;
    try {
      record = this.#storage.objectForUri(org, access.data.uri);
    } catch (error) {
      return { doc, id, file: undefined, skipped: `${id}: ${error instanceof Error ? error.message : String(error)}` };
    }
    return { doc, id, file: { record, name: fileNameOf(id, access.data.filename ?? record.key) }, skipped: undefined };
  }

  /** Annotations of these members; an annotation set's members are annotations themselves, so it has none extra. */
  #annotationsOf(org: string, set: SetDocument, ids: string[]): Doc[] {
    if (set.assets_type === 'annotations') return [];
    const scope = { organizationId: org, assetType: 'annotations' as const };
    const annotationIds = this.#store.allIds(scope, { filters: [{ field: 'asset_id', values: ids, filter_out: false }] });
    return this.#meta.getMany(scope, annotationIds)
      .filter((a) => a.media_type === undefined || a.media_type === null || a.media_type === set.assets_type);
  }
}

function manifestOf(set: SetDocument): string {
  return JSON.stringify(Object.fromEntries(Object.entries(set).filter(([key]) => !VOLATILE_SET_FIELDS.has(key))), null, 2);
}

function jsonBytes(doc: Doc): Buffer {
  return Buffer.from(JSON.stringify(doc, null, 2));
}

function hashMember(hash: Hash, member: Member): void {
  hash.update(`asset\u0000${member.id}\u0000${JSON.stringify(member.doc)}\u0000${member.file?.record.sha256 ?? ''}\n`);
}

function hashAnnotation(hash: Hash, annotation: Doc): void {
  hash.update(`annotation\u0000${String(annotation.id)}\u0000${JSON.stringify(annotation)}\n`);
}

/** `<id><ext>`, the extension taken from the original file name (COCO ids already end with it). */
function fileNameOf(id: string, original: string): string {
  const ext = extname(original);
  if (!/^\.[A-Za-z0-9]{1,16}$/.test(ext) || id.toLowerCase().endsWith(ext.toLowerCase())) return id;
  return `${id}${ext}`;
}
