import type { Database } from 'better-sqlite3';
import type { BlobLocation } from '../blob/BlobStore';

export interface ObjectRecord extends BlobLocation {
  bucket: string;
  key: string;
  organizationId: string;
  size: number;
  sha256: string;
  contentType: string | null;
  createdAt: string;
}

export interface UploadRecord {
  uploadId: string;
  organizationId: string;
  bucket: string;
  key: string;
}

export interface PartRecord {
  partNo: number;
  size: number;
  etag: string;
}

interface ObjectRow {
  bucket: string; key: string; organization_id: string; blob: string; parts: number; size: number;
  sha256: string; content_type: string | null; created_at: string;
}

const toObject = (r: ObjectRow): ObjectRecord => ({
  bucket: r.bucket, key: r.key, organizationId: r.organization_id, ref: r.blob, parts: r.parts,
  size: r.size, sha256: r.sha256, contentType: r.content_type, createdAt: r.created_at,
});

function prepare(db: Database) {
  return {
    get: db.prepare('SELECT * FROM objects WHERE bucket = ? AND key = ?'),
    put: db.prepare(`INSERT INTO objects (bucket, key, organization_id, blob, parts, size, sha256, content_type, created_at)
      VALUES (@bucket, @key, @organizationId, @ref, @parts, @size, @sha256, @contentType, @createdAt)
      ON CONFLICT (bucket, key) DO UPDATE SET organization_id = excluded.organization_id, blob = excluded.blob,
        parts = excluded.parts, size = excluded.size, sha256 = excluded.sha256, content_type = excluded.content_type,
        created_at = excluded.created_at`),
    del: db.prepare('DELETE FROM objects WHERE bucket = ? AND key = ?'),
    bySha: db.prepare('SELECT * FROM objects WHERE organization_id = ? AND sha256 = ? ORDER BY created_at LIMIT 1'),
    uploadPut: db.prepare('INSERT INTO uploads (upload_id, organization_id, bucket, key, created_at) VALUES (?, ?, ?, ?, ?)'),
    uploadGet: db.prepare('SELECT upload_id AS uploadId, organization_id AS organizationId, bucket, key FROM uploads WHERE upload_id = ?'),
    uploadDel: db.prepare('DELETE FROM uploads WHERE upload_id = ?'),
    partPut: db.prepare('INSERT INTO upload_parts (upload_id, part_no, size, etag) VALUES (?, ?, ?, ?) ON CONFLICT (upload_id, part_no) DO UPDATE SET size = excluded.size, etag = excluded.etag'),
    parts: db.prepare('SELECT part_no AS partNo, size, etag FROM upload_parts WHERE upload_id = ? ORDER BY part_no'),
    byPrefix: db.prepare("SELECT * FROM objects WHERE bucket = ? AND key >= ? AND key < ? || x'ff' ORDER BY key LIMIT ?"),
  };
}

/** Which object name points at which blob, and the multipart uploads under way (SQLite). */
export class ObjectCatalog {
  readonly #s: ReturnType<typeof prepare>;

  public constructor(db: Database) {
    this.#s = prepare(db);
  }

  public get(bucket: string, key: string): ObjectRecord | undefined {
    const row = this.#s.get.get(bucket, key) as ObjectRow | undefined;
    return row && toObject(row);
  }

  /** Records an object; returns the blob it replaced, which the caller removes after the commit. */
  public put(record: ObjectRecord): ObjectRecord | undefined {
    const previous = this.get(record.bucket, record.key);
    this.#s.put.run(record);
    return previous;
  }

  public delete(bucket: string, key: string): ObjectRecord | undefined {
    const previous = this.get(bucket, key);
    if (previous) this.#s.del.run(bucket, key);
    return previous;
  }

  public findBySha256(organizationId: string, sha256: string): ObjectRecord | undefined {
    const row = this.#s.bySha.get(organizationId, sha256) as ObjectRow | undefined;
    return row && toObject(row);
  }

  /** Objects whose key starts with `prefix`, in key order. */
  public listByPrefix(bucket: string, prefix: string, limit: number): ObjectRecord[] {
    return (this.#s.byPrefix.all(bucket, prefix, prefix, limit) as ObjectRow[]).map(toObject);
  }

  public createUpload(upload: UploadRecord): void {
    this.#s.uploadPut.run(upload.uploadId, upload.organizationId, upload.bucket, upload.key, new Date().toISOString());
  }

  public upload(uploadId: string): UploadRecord | undefined {
    return this.#s.uploadGet.get(uploadId) as UploadRecord | undefined;
  }

  public deleteUpload(uploadId: string): void {
    this.#s.uploadDel.run(uploadId);
  }

  public recordPart(uploadId: string, part: PartRecord): void {
    this.#s.partPut.run(uploadId, part.partNo, part.size, part.etag);
  }

  public parts(uploadId: string): PartRecord[] {
    return this.#s.parts.all(uploadId) as PartRecord[];
  }
}
