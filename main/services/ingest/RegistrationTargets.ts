import { basename } from 'node:path';
import type { FileKind } from '../../../shared/ingest/fileKinds';
import type { AssetType } from '../../../shared/scenebox/constants';
import type { EngineConnection } from '../engine/EngineConnection';
import type { JournalItem } from '../journal/journalTypes';
import type { Journal } from '../journal/openJournal';

/**
 * The sets and sessions items are registered into, created on first use and remembered for the
 * run (creating one that exists answers its id, so a lost cache costs a request, not a duplicate).
 */
export class RegistrationTargets {
  readonly #engine: EngineConnection;
  readonly #journal: Journal;
  readonly #sets = new Map<string, Promise<string>>();
  readonly #sessions = new Map<string, Promise<string>>();

  public constructor(engine: EngineConnection, journal: Journal) {
    this.#engine = engine;
    this.#journal = journal;
  }

  public setId(name: string, assetsType: AssetType): Promise<string> {
    return remembered(this.#sets, `${assetsType}\u0000${name}`, () => this.#engine.client.createSet({ name, assetsType }));
  }

  public sessionUid(name: string, sessionType: 'rosbags' | 'generic'): Promise<string> {
    return remembered(this.#sessions, name, () => this.#engine.client.addSession({ name, sessionType }));
  }

  /** Starts the engine's indexer for an uploaded recording; answers its job id. */
  public async startIndexing(item: JournalItem, kind: FileKind): Promise<string> {
    if (!item.sessionUid) throw new Error(`${item.path} has no session to index into`);
    const files = this.#journal.reader.files(item.id);
    const fileObjects = files.map((f) => {
      if (!f.objectUri) throw new Error(`${item.path}: ${f.relPath} is not stored yet`);
      return { uri: f.objectUri, filename: kind === 'ros2_bag' ? f.relPath : basename(item.path) };
    });
    const setsMap = await this.#recordingSets(item);
    const request = { fileObjects, sessionUid: item.sessionUid, setsMap };
    return kind === 'ros1_bag' ? this.#engine.client.indexRosbag(request) : this.#engine.client.indexRosbag2(request);
  }

  /** The sets a recording's extracted assets go to: `<source set>_<type>` when the item has a set, else none. */
  async #recordingSets(item: JournalItem): Promise<Record<string, string>> {
    const source = item.sourceId !== null ? this.#journal.reader.source(item.sourceId) : undefined;
    if (!source?.setName) return {};
    const out: Record<string, string> = {};
    for (const type of ['images', 'videos', 'lidars'] as const) out[type] = await this.setId(`${source.setName}_${type}`, type);
    return out;
  }
}

/** One request per key at a time; a failed one is forgotten so that the next try asks again. */
function remembered(cache: Map<string, Promise<string>>, key: string, make: () => Promise<string>): Promise<string> {
  let pending = cache.get(key);
  if (!pending) {
    pending = make();
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}
