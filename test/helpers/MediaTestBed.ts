import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PythonStyleAssets } from './PythonStyleAssets';
import { pyRequest } from './pythonStyleRequest';
import { startTestEngine, type TestEngine } from './startTestEngine';

/**
 * A real engine for the media job tests, the admin's Python-style client, and a scratch folder
 * the outputs are downloaded into (to be read back with ffprobe).
 */
export class MediaTestBed {
  public readonly py: PythonStyleAssets;
  public readonly scratch: string;
  #engine: TestEngine;

  private constructor(engine: TestEngine, scratch: string) {
    this.#engine = engine;
    this.py = new PythonStyleAssets(engine.url, engine.adminToken);
    this.scratch = scratch;
  }

  public get engine(): TestEngine {
    return this.#engine;
  }

  /** Stops the engine (running jobs are interrupted) and starts it again on the same data and port. */
  public async restart(): Promise<void> {
    this.#engine = await this.#engine.restart();
  }

  public static async start(name: string): Promise<MediaTestBed> {
    return new MediaTestBed(await startTestEngine(), mkdtempSync(join(tmpdir(), `scenedock-${name}-`)));
  }

  /** The admin of a second organization, made through the identity manager as the client would. */
  public async otherOrganization(): Promise<PythonStyleAssets> {
    const { url, adminToken } = this.engine;
    const org = await pyRequest('POST', `${url}/identity_manager/organization`, { token: adminToken }, { organization_name: 'other lab' });
    const user = await pyRequest('POST', `${url}/identity_manager/user`, { token: adminToken }, {
      username: 'other_admin', email: null, role: 'admin', organization_id: (org.json as { id: string }).id,
    });
    return new PythonStyleAssets(url, (user.json as { token: string }).token);
  }

  /** Downloads the object a URI names into the scratch folder; answers the file. */
  public async download(uri: string, name: string): Promise<string> {
    const file = join(this.scratch, name);
    writeFileSync(file, await this.py.download(uri));
    return file;
  }

  /** The object behind a document's `object_access` (or any `{object_access: {uri}}`), downloaded. */
  public async downloadAccess(record: unknown, name: string): Promise<string> {
    return this.download((record as { object_access: { uri: string } }).object_access.uri, name);
  }

  public async dispose(): Promise<void> {
    await this.#engine.dispose();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
