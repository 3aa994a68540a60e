import { EventEmitter } from 'node:events';
import type { AssetManagerClient } from '../../../client/AssetManagerClient';
import { ResponseError } from '../../../client/errors/ResponseError';
import { TransportError } from '../../../client/errors/TransportError';
import { SceneEngineClient } from '../../../client/SceneEngineClient';
import { backoffDelay } from '../../../shared/ingest/backoff';
import type { AssetType } from '../../../shared/scenebox/constants';
import { StallError } from '../upload/StallWatchdog';

export interface EngineTarget {
  url: string;
  token: string;
}

export interface EngineConnectionEvents {
  change: [online: boolean];
}

/** Gateway answers that mean "the engine is not there right now", not "your request is wrong". */
const UNAVAILABLE = new Set([502, 503, 504]);

/** True when an error says the engine could not be reached (so: wait and retry, do not fail the item). */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof TransportError || error instanceof StallError) return true;
  if (error instanceof ResponseError) return UNAVAILABLE.has(error.status);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'UND_ERR_SOCKET'].includes(code);
}

/**
 * The ingestion side's view of one engine: its clients, and whether it answers. When a request
 * finds it unreachable, the connection goes offline and probes `/status` with backoff until it
 * answers again; uploads wait on `whenOnline` instead of failing one by one.
 */
export class EngineConnection extends EventEmitter<EngineConnectionEvents> {
  public readonly client: SceneEngineClient;
  public readonly target: EngineTarget;
  readonly #assets = new Map<AssetType, AssetManagerClient>();
  #online = true;
  #probing: Promise<void> | undefined;
  #stopped = false;
  #heartbeat: NodeJS.Timeout | undefined;
  readonly #probeTimeoutMs: number;
  readonly #heartbeatMs: number;

  public constructor(target: EngineTarget, options: { probeTimeoutMs?: number; heartbeatMs?: number; assetManagerUrl?: string } = {}) {
    super();
    this.target = target;
    this.#probeTimeoutMs = options.probeTimeoutMs ?? 5000;
    this.#heartbeatMs = options.heartbeatMs ?? 5000;
    this.client = new SceneEngineClient({
      sceneEngineUrl: target.url, authToken: target.token, timeoutMs: 120_000,
      ...(options.assetManagerUrl ? { assetManagerUrl: options.assetManagerUrl } : {}),
    });
  }

  public get online(): boolean {
    return this.#online;
  }

  public assets(type: AssetType): AssetManagerClient {
    let client = this.#assets.get(type);
    if (!client) {
      client = this.client.getAssetManager(type);
      this.#assets.set(type, client);
    }
    return client;
  }

  /** Asks the engine once; updates and answers the online state. */
  public async check(): Promise<boolean> {
    const probe = new SceneEngineClient({ sceneEngineUrl: this.target.url, authToken: this.target.token, timeoutMs: this.#probeTimeoutMs, retries: 0 });
    let ok: boolean;
    try {
      await probe.getPlatformVersion();
      ok = true;
    } catch {
      ok = false;
    }
    this.#set(ok);
    return ok;
  }

  /** Call with any error a request met: when it means the engine is gone, go offline and probe. */
  public noteError(error: unknown): boolean {
    if (!isUnreachable(error)) return false;
    this.#set(false);
    this.#startProbing();
    return true;
  }

  /** Resolves once the engine answers (at once when online). */
  public async whenOnline(signal?: AbortSignal): Promise<void> {
    while (!this.#online) {
      signal?.throwIfAborted();
      this.#startProbing();
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.off('change', done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        this.once('change', done);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  }

  /**
   * Asks the engine every few seconds unless a probe is already at it, so that an idle queue shows
   * an engine that went away (no request would notice), or one that came back while nothing was
   * waiting for it.
   */
  public startHeartbeat(): void {
    if (this.#heartbeat || this.#stopped) return;
    this.#heartbeat = setInterval(() => {
      if (this.#probing) return;
      void this.check().then((ok) => {
        if (!ok) this.#startProbing();
      });
    }, this.#heartbeatMs);
    this.#heartbeat.unref();
  }

  public stop(): void {
    this.#stopped = true;
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }

  #set(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    this.emit('change', online);
  }

  #startProbing(): void {
    if (this.#probing || this.#stopped) return;
    this.#probing = (async () => {
      for (let attempt = 1; !this.#online && !this.#stopped; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, { baseMs: 500, maxMs: 15_000, jitter: 0.3 })));
        if (this.#stopped) break;
        await this.check();
      }
    })().finally(() => {
      this.#probing = undefined;
    });
  }
}
