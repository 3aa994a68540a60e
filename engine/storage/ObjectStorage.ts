import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import { PartialMismatchError, type BlobStore, type ByteRange } from '../blob/BlobStore';
import { badRequest, conflict, forbidden, notFound } from '../http/HttpError';
import { ObjectCatalog, type ObjectRecord, type PartRecord } from './ObjectCatalog';
import { checkFileId, objectKey, objectUri, parseObjectUri } from './objectKeys';
import type { Presigner } from './Presigner';
import { UploadHasher } from './UploadHasher';

export const MAX_PART_NUMBER = 10_000;
const DEFAULT_EXPIRY_SECONDS = 43_200;

export interface UploadPolicy {
  bucket: string;
  key: string;
  organizationId: string;
  expires: number;
  contentType?: string;
}

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
  uri: string;
}

const quoteEtag = (sha256: string): string => `"${sha256}"`;
const unquoteEtag = (etag: string): string => etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');

/**
 * The byte side of the asset manager: presigned form posts for small files, S3-style multipart
 * uploads for large ones, presigned downloads. Every URL it hands out points at the engine itself
 * and is signed, so storage requests carry no token (as SceneBox's do not).
 */
export class ObjectStorage {
  readonly #db: Database;
  readonly #blobs: BlobStore;
  readonly #catalog: ObjectCatalog;
  readonly #presigner: Presigner;
  readonly #hasher: UploadHasher;
  readonly bucket: string;

  public constructor(db: Database, blobs: BlobStore, presigner: Presigner, bucket: string) {
    this.#db = db;
    this.#blobs = blobs;
    this.#catalog = new ObjectCatalog(db);
    this.#presigner = presigner;
    this.bucket = bucket;
    this.#hasher = new UploadHasher(
      (uploadId, partNo) => blobs.partPath(uploadId, partNo),
      (uploadId, partNo) => this.#catalog.parts(uploadId).some((p) => p.partNo === partNo),
    );
  }

  // ---- small files: presigned form POST ----

  public presignPost(baseUrl: string, organizationId: string, fileId: string, contentType?: string): PresignedPost {
    const policy: UploadPolicy = {
      bucket: this.bucket,
      key: objectKey(organizationId, fileId),
      organizationId,
      expires: this.#presigner.expiry(DEFAULT_EXPIRY_SECONDS),
      ...(contentType ? { contentType } : {}),
    };
    const body = Buffer.from(JSON.stringify(policy)).toString('base64url');
    return {
      url: `${baseUrl}/storage/upload`,
      fields: { key: policy.key, policy: `${body}.${this.#presigner.sign(`POST\n${body}`)}` },
      uri: objectUri(policy.bucket, policy.key),
    };
  }

  /** Checks a form post's policy field; throws 403 for a forged or expired one. */
  public verifyPolicy(policyField: string, keyField: string | undefined): UploadPolicy {
    const [body, signature] = policyField.split('.');
    if (!body || !signature) throw forbidden('malformed upload policy');
    let policy: UploadPolicy;
    try {
      policy = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as UploadPolicy;
    } catch {
      throw forbidden('malformed upload policy');
    }
    if (!this.#presigner.verify(`POST\n${body}`, signature, policy.expires)) throw forbidden('upload policy is forged or expired');
    if (keyField !== undefined && keyField !== policy.key) throw forbidden('key field does not match the upload policy');
    return policy;
  }

  public async storeFormUpload(policy: UploadPolicy, file: Readable, contentType: string | undefined): Promise<ObjectRecord> {
    const written = await this.#blobs.write(file);
    return this.#record({
      bucket: policy.bucket, key: policy.key, organizationId: policy.organizationId, ref: written.ref,
      parts: 0, size: written.size, sha256: written.sha256,
      contentType: policy.contentType ?? contentType ?? null, createdAt: new Date().toISOString(),
    });
  }

  /**
   * Stores bytes the engine made itself (a thumbnail, a transcoded video) under a file id of the
   * organization, replacing what was stored there: what a form post stores, without signing a
   * policy only to verify it again.
   */
  public async putObject(organizationId: string, fileId: string, source: Readable | Uint8Array, contentType: string | null): Promise<ObjectRecord> {
    const key = objectKey(organizationId, fileId);
    const written = await this.#blobs.write(source instanceof Uint8Array ? Readable.from([source]) : source);
    return this.#record({
      bucket: this.bucket, key, organizationId, ref: written.ref, parts: 0, size: written.size, sha256: written.sha256,
      contentType, createdAt: new Date().toISOString(),
    });
  }

  // ---- large files: multipart ----

  public createMultipart(organizationId: string, fileId: string): string {
    const uploadId = randomUUID();
    this.#catalog.createUpload({ uploadId, organizationId, bucket: this.bucket, key: objectKey(organizationId, fileId) });
    return uploadId;
  }

  public presignPart(baseUrl: string, organizationId: string, uploadId: string, partNo: number): string {
    this.#ownedUpload(organizationId, uploadId);
    checkPartNumber(partNo);
    const expires = this.#presigner.expiry(DEFAULT_EXPIRY_SECONDS);
    const signature = this.#presigner.sign(`PUT\n${uploadId}\n${partNo}\n${expires}`);
    return `${baseUrl}/storage/parts/${uploadId}/${partNo}?expires=${expires}&signature=${signature}`;
  }

  /**
   * Stores one part and answers its ETag (the sha256 of its bytes). With `resumeFrom`, the body
   * is the rest of a part whose earlier try was interrupted after that many bytes.
   */
  public async storePart(uploadId: string, partNo: number, expires: number, signature: string, body: Readable, length?: number, resumeFrom?: number): Promise<string> {
    if (!this.#presigner.verify(`PUT\n${uploadId}\n${partNo}\n${expires}`, signature, expires)) {
      throw forbidden('part URL is forged or expired');
    }
    checkPartNumber(partNo);
    if (!this.#catalog.upload(uploadId)) throw notFound(`no multipart upload ${uploadId}`);
    const existed = this.#catalog.parts(uploadId).some((p) => p.partNo === partNo);
    let written: { size: number; sha256: string };
    try {
      written = await this.#blobs.writePart(uploadId, partNo, body, {
        ...(length !== undefined ? { expectedSize: length } : {}),
        ...(resumeFrom !== undefined ? { resumeFrom } : {}),
      });
    } catch (error) {
      await this.#dropIfAborted(uploadId);
      if (error instanceof PartialMismatchError) throw conflict(error.message);
      throw error;
    }
    // An abort that ran while this part streamed in removed the upload's folder, which writing
    // the part re-created: remove it again rather than leave an orphan behind.
    if (await this.#dropIfAborted(uploadId)) throw notFound(`no multipart upload ${uploadId}`);
    this.#catalog.recordPart(uploadId, { partNo, size: written.size, etag: written.sha256 });
    this.#hasher.partStored(uploadId, partNo, existed);
    return quoteEtag(written.sha256);
  }

  /** The parts the engine holds for an upload: what a resuming client checks its journal against. */
  public async listParts(organizationId: string, uploadId: string): Promise<{ key: string; parts: PartRecord[]; partial: { partNo: number; size: number }[] }> {
    const upload = this.#ownedUpload(organizationId, uploadId);
    return {
      key: upload.key,
      parts: this.#catalog.parts(uploadId).map((p) => ({ ...p, etag: quoteEtag(p.etag) })),
      partial: await this.#blobs.partialParts(uploadId),
    };
  }

  public async completeMultipart(organizationId: string, uploadId: string, fileId: string, parts: readonly { ETag: string; PartNumber: number }[]): Promise<ObjectRecord> {
    const upload = this.#ownedUpload(organizationId, uploadId);
    if (upload.key !== objectKey(organizationId, fileId)) throw badRequest(`upload ${uploadId} is for another id`);
    if (parts.length === 0) throw badRequest('parts must list at least one part');
    const held = new Map(this.#catalog.parts(uploadId).map((p) => [p.partNo, p]));
    let previous = 0;
    for (const part of parts) {
      if (part.PartNumber <= previous) throw badRequest('parts must be listed in ascending PartNumber order');
      previous = part.PartNumber;
      const stored = held.get(part.PartNumber);
      if (!stored) throw badRequest(`part ${part.PartNumber} was never uploaded`);
      if (unquoteEtag(part.ETag) !== stored.etag) throw badRequest(`ETag of part ${part.PartNumber} does not match the part the engine holds`);
    }
    const partNos = parts.map((p) => p.PartNumber);
    const sha256 = await this.#hasher.digest(uploadId, partNos);
    const size = partNos.reduce((sum, n) => sum + (held.get(n)?.size ?? 0), 0);
    const location = await this.#blobs.adoptParts(uploadId, partNos);
    this.#catalog.deleteUpload(uploadId);
    return this.#record({
      bucket: upload.bucket, key: upload.key, organizationId, ref: location.ref, parts: location.parts,
      size, sha256, contentType: null, createdAt: new Date().toISOString(),
    });
  }

  public async abortMultipart(organizationId: string, uploadId: string): Promise<void> {
    this.#ownedUpload(organizationId, uploadId);
    this.#hasher.forget(uploadId);
    this.#catalog.deleteUpload(uploadId);
    await this.#blobs.removeUpload(uploadId);
  }

  // ---- downloads and lookups ----

  /** Resolves an `s3://bucket/key` URI of the caller's organization; 404 for anything else. */
  public objectForUri(organizationId: string, uri: string): ObjectRecord {
    const parsed = parseObjectUri(uri);
    if (!parsed) throw badRequest(`unsupported object URI ${JSON.stringify(uri)}: the engine stores s3://bucket/key objects`);
    const record = this.#catalog.get(parsed.bucket, parsed.key);
    if (!record || record.organizationId !== organizationId) throw notFound(`no object ${uri}`);
    return record;
  }

  public objectForFileId(organizationId: string, fileId: string): ObjectRecord | undefined {
    const record = this.#catalog.get(this.bucket, objectKey(organizationId, checkFileId(fileId)));
    return record?.organizationId === organizationId ? record : undefined;
  }

  /** The organization's objects under a folder, keys given relative to the organization. */
  public listObjects(organizationId: string, folder: string, limit = 100_000): { key: string; uri: string; size: number; sha256: string; last_modified: string }[] {
    const orgPrefix = `${organizationId}/`;
    const folderPrefix = folder.replace(/^\/+|\/+$/g, '');
    const prefix = folderPrefix ? `${orgPrefix}${folderPrefix}/` : orgPrefix;
    return this.#catalog.listByPrefix(this.bucket, prefix, limit).map((r) => ({
      key: r.key.slice(orgPrefix.length), uri: objectUri(r.bucket, r.key), size: r.size, sha256: r.sha256, last_modified: r.createdAt,
    }));
  }

  public findBySha256(organizationId: string, sha256: string): ObjectRecord | undefined {
    return this.#catalog.findBySha256(organizationId, sha256);
  }

  public presignGet(baseUrl: string, record: ObjectRecord, expiresInSeconds = DEFAULT_EXPIRY_SECONDS): string {
    const expires = this.#presigner.expiry(expiresInSeconds);
    const signature = this.#presigner.sign(`GET\n${record.bucket}/${record.key}\n${expires}`);
    const path = record.key.split('/').map(encodeURIComponent).join('/');
    return `${baseUrl}/storage/objects/${encodeURIComponent(record.bucket)}/${path}?expires=${expires}&signature=${signature}`;
  }

  /** The object a presigned GET names, after its signature is checked. */
  public verifiedObject(bucket: string, key: string, expires: number, signature: string): ObjectRecord {
    if (!this.#presigner.verify(`GET\n${bucket}/${key}\n${expires}`, signature, expires)) throw forbidden('download URL is forged or expired');
    const record = this.#catalog.get(bucket, key);
    if (!record) throw notFound(`no object s3://${bucket}/${key}`);
    return record;
  }

  public read(record: ObjectRecord, range?: ByteRange): Readable {
    return this.#blobs.read(record, range);
  }

  public async deleteObject(organizationId: string, uri: string): Promise<boolean> {
    const parsed = parseObjectUri(uri);
    if (!parsed) return false;
    const record = this.#catalog.get(parsed.bucket, parsed.key);
    if (!record || record.organizationId !== organizationId) return false;
    this.#catalog.delete(parsed.bucket, parsed.key);
    await this.#blobs.remove(record);
    return true;
  }

  async #dropIfAborted(uploadId: string): Promise<boolean> {
    if (this.#catalog.upload(uploadId)) return false;
    await this.#blobs.removeUpload(uploadId);
    return true;
  }

  #ownedUpload(organizationId: string, uploadId: string): { key: string; bucket: string } {
    const upload = this.#catalog.upload(uploadId);
    if (!upload || upload.organizationId !== organizationId) throw notFound(`no multipart upload ${uploadId}`);
    return upload;
  }

  async #record(record: ObjectRecord): Promise<ObjectRecord> {
    const replaced = this.#db.transaction(() => this.#catalog.put(record))();
    if (replaced && replaced.ref !== record.ref) await this.#blobs.remove(replaced);
    return record;
  }
}

function checkPartNumber(partNo: number): void {
  if (!Number.isInteger(partNo) || partNo < 1 || partNo > MAX_PART_NUMBER) {
    throw badRequest(`part number must be an integer from 1 to ${MAX_PART_NUMBER}`);
  }
}
