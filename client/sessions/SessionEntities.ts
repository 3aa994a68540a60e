import type { SceneBoxHttp } from '../http/SceneBoxHttp';
import { checkEntities } from './checkEntities';
import { EntityBuffer } from './EntityBuffer';
import { entityDicts, type EntityDict } from './entityDicts';
import { readTimeseriesCsv } from './readTimeseriesCsv';
import { recordsToEntities, type DfRecord } from './recordsToEntities';
import { sessionsApi } from './sessionsApi';
import type { TimeInput } from './toIsoUtc';

export interface SendOptions {
  /** The engine resolves each touched session right away (a job per session). */
  urgent?: boolean;
  /** Keep the entities in the client's buffer (sent once more than 1000 wait, or on `flushEntitiesBuffer`); `urgent` is then ignored. */
  buffered?: boolean;
}

/** A session document as the asset manager answers it, or undefined when there is none. */
export type SessionReader = (uid: string) => Promise<Record<string, unknown> | undefined>;

/**
 * Entities of sessions: the checked, chunked sends of `add_entities` with their buffer, and the
 * Python client's helpers built on it. Each helper answers the ids of the entities it made.
 */
export class SessionEntities {
  readonly #se: SceneBoxHttp;
  readonly #readSession: SessionReader;
  readonly #buffer: EntityBuffer;

  public constructor(se: SceneBoxHttp, readSession: SessionReader) {
    this.#se = se;
    this.#readSession = readSession;
    this.#buffer = new EntityBuffer((entities) => this.#send(entities, false));
  }

  public get buffered(): number {
    return this.#buffer.size;
  }

  public async add(entities: readonly EntityDict[], options: SendOptions = {}): Promise<void> {
    if (options.buffered) await this.#buffer.add(entities);
    else await this.#send(entities, options.urgent ?? false);
  }

  public flush(): Promise<void> {
    return this.#buffer.flush();
  }

  async #send(entities: readonly EntityDict[], urgent: boolean): Promise<void> {
    await checkEntities(entities, this.#readSession);
    await sessionsApi.addEntities(this.#se, entities, urgent);
  }

  async #added(entities: EntityDict[], options: SendOptions = {}): Promise<string[]> {
    await this.add(entities, options);
    return entities.map((e) => String(e.entity_id));
  }

  /** The session's resolution (point events last one resolution either side). */
  public async resolution(uid: string): Promise<number> {
    const r = (await this.#readSession(uid))?.resolution;
    return typeof r === 'number' && r > 0 ? r : 1;
  }

  public eventIntervals(uid: string, name: string, values: readonly (string | readonly string[])[], starts: readonly TimeInput[], ends: readonly TimeInput[], options: SendOptions & { extendSession?: boolean; epsilon?: number } = {}): Promise<string[]> {
    return this.#added(entityDicts.eventIntervals(uid, name, values, starts, ends, options), options);
  }

  public scalarMeasurements(uid: string, name: string, values: readonly number[], timestamps: readonly TimeInput[], options: SendOptions = {}): Promise<string[]> {
    return this.#added(entityDicts.scalarMeasurements(uid, name, values, timestamps), options);
  }

  public scalarIntervals(uid: string, name: string, values: readonly number[], starts: readonly TimeInput[], ends: readonly TimeInput[], epsilon?: number): Promise<string[]> {
    return this.#added(entityDicts.scalarIntervals(uid, name, values, starts, ends, epsilon));
  }

  public async pointEvents(uid: string, name: string, values: readonly unknown[], timestamps: readonly TimeInput[], options: SendOptions = {}): Promise<string[]> {
    return this.#added(entityDicts.pointEvents(uid, name, values, timestamps, await this.resolution(uid)), options);
  }

  public geolocations(uid: string, latitudes: readonly number[], longitudes: readonly number[], timestamps: readonly TimeInput[], options: SendOptions = {}): Promise<string[]> {
    return this.#added(entityDicts.geolocations(uid, latitudes, longitudes, timestamps), options);
  }

  /** `add_df` without its resolve (the client resolves afterwards). */
  public async df(uid: string, rows: readonly DfRecord[], timestamps?: readonly TimeInput[]): Promise<string[]> {
    return this.#added(recordsToEntities(uid, rows, await this.resolution(uid), timestamps));
  }

  public async timeseriesCsv(uid: string, path: string, labels?: readonly string[]): Promise<string[]> {
    return this.df(uid, await readTimeseriesCsv(path, labels));
  }
}
