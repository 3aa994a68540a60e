import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { FsBlobStore } from '../blob/FsBlobStore';
import { ENGINE_MIGRATIONS } from '../db/engineMigrations';
import { openSqlite } from '../db/openSqlite';
import { createEngineApp, type EngineLogOptions } from '../http/createEngineApp';
import { IdentityStore, newToken } from '../identity/IdentityStore';
import { JobService } from '../jobs/JobService';
import { SqliteMetaStore } from '../meta/SqliteMetaStore';
import { AssetService } from '../services/AssetService';
import type { EngineServices } from '../services/EngineServices';
import { ObjectStorage } from '../storage/ObjectStorage';
import { Presigner } from '../storage/Presigner';
import { ENGINE_VERSION } from './engineVersion';

export interface EngineOptions {
  /** Holds `engine.db` (metadata, identities, jobs), `blobs/` and `admin-token`. */
  dataDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The admin's token: set on first start, and re-keyed to this value on later starts. */
  token?: string;
  publicUrl?: string;
  bucket?: string;
  /** Refuse uploads past this many stored bytes (stands for a full disk in the fault tests). */
  maxBlobBytes?: number;
  jobConcurrency?: number;
  log?: EngineLogOptions;
  /** Passed to better-sqlite3, so that the Electron app can load its own build of the addon. */
  nativeBinding?: string;
}

export interface RunningEngine {
  url: string;
  port: number;
  adminToken: string | undefined;
  services: EngineServices;
  close(): Promise<void>;
}

const ADMIN_USER = 'admin';

/**
 * Opens (or creates) an engine data directory and serves it. On first start with an empty
 * directory it creates an organization and its admin user and writes the admin token to
 * `<dataDir>/admin-token` (mode 0600).
 */
export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openSqlite(join(options.dataDir, 'engine.db'), { migrations: ENGINE_MIGRATIONS, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  const identity = new IdentityStore(db);
  const adminToken = bootstrapAdmin(options.dataDir, identity, options.token);
  const meta = new SqliteMetaStore(db);
  const blobs = new FsBlobStore(options.dataDir, options.maxBlobBytes !== undefined ? { maxBytes: options.maxBlobBytes } : {});
  const storage = new ObjectStorage(db, blobs, new Presigner(signingSecret(db)), options.bucket ?? 'scenedock');
  const jobs = new JobService(db, meta, options.jobConcurrency ?? 2);
  const assets = new AssetService(meta, storage, jobs);
  const services: EngineServices = { version: ENGINE_VERSION, publicUrl: options.publicUrl, db, dataDir: options.dataDir, identity, meta, storage, jobs, assets };
  const app = createEngineApp(services, options.log);
  jobs.start();
  try {
    await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  } catch (error) {
    await jobs.stop();
    db.close();
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed = false;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    adminToken,
    services,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      await jobs.stop();
      db.close();
    },
  };
}

function bootstrapAdmin(dataDir: string, identity: IdentityStore, token: string | undefined): string | undefined {
  const tokenFile = join(dataDir, 'admin-token');
  if (identity.isEmpty()) {
    const org = identity.addOrganization('default');
    // The first user manages everything, organizations included.
    const { token: created } = identity.addUser({ username: ADMIN_USER, email: null, role: 'superadmin', organization_id: org.id }, token ?? newToken());
    writeFileSync(tokenFile, `${created}\n`, { mode: 0o600 });
    chmodSync(tokenFile, 0o600);
    return created;
  }
  if (token && identity.user(ADMIN_USER)) {
    identity.setToken(ADMIN_USER, token);
    writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
    return token;
  }
  return existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined;
}

/** The HMAC key for presigned URLs, made once per data directory so that URLs survive a restart. */
function signingSecret(db: ReturnType<typeof openSqlite>): Buffer {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'signing_secret'").get() as { value: string } | undefined;
  if (row) return Buffer.from(row.value, 'base64');
  const secret = randomBytes(32);
  db.prepare("INSERT INTO settings (key, value) VALUES ('signing_secret', ?)").run(secret.toString('base64'));
  return secret;
}
