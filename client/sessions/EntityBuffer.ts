/**
 * The Python client's entity buffer: buffered entities are kept here and sent, in chunks, once
 * more than `flushAbove` are waiting or when `flushEntitiesBuffer` is called. Entities never
 * flushed are lost with the client, as there.
 */
export class EntityBuffer {
  readonly #pending: Record<string, unknown>[] = [];
  readonly #send: (entities: Record<string, unknown>[]) => Promise<void>;
  readonly #flushAbove: number;

  public constructor(send: (entities: Record<string, unknown>[]) => Promise<void>, flushAbove = 1000) {
    this.#send = send;
    this.#flushAbove = flushAbove;
  }

  public get size(): number {
    return this.#pending.length;
  }

  public async add(entities: readonly Record<string, unknown>[]): Promise<void> {
    this.#pending.push(...entities);
    if (this.#pending.length > this.#flushAbove) await this.flush();
  }

  /** Sends everything waiting; on a refusal the entities stay buffered, so that a caller may fix and retry. */
  public async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = [...this.#pending];
    await this.#send(batch);
    this.#pending.splice(0, batch.length);
  }
}
