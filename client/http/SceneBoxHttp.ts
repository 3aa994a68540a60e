import { performance } from 'node:perf_hooks';
import { got, type Got, type Method } from 'got';
import type { z } from 'zod';
import { parseReply } from './parseReply';
import { redactUrl } from './redactUrl';
import { toSearchParams, type Query } from './toSearchParams';
import { translateGotError } from './translateGotError';
import { cachedUrl, withoutTrailingSlash, type UrlSource } from './UrlSource';

/** One request as an observer sees it: the URL without secrets, and the status (undefined when none came). */
export interface HttpEvent {
  method: string;
  url: string;
  status: number | undefined;
  durationMs: number;
}

export interface SceneBoxHttpOptions {
  baseUrl: UrlSource;
  authToken?: string | undefined;
  /** Whole-request timeout of a JSON call (default 120 s). */
  timeoutMs?: number;
  /** got retries for idempotent requests (GET, PUT, DELETE) on network errors and 408/429/5xx (default 2). */
  retries?: number;
  /** Called after every request, for logs and tests. */
  onResponse?: (event: HttpEvent) => void;
}

export interface JsonRequest<S extends z.ZodType> {
  schema: S;
  query?: Query;
  /** Sent as JSON when defined. */
  body?: unknown;
  retries?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_RETRIES = 2;

/**
 * The transport of one SceneBox server base URL: the token as `Authorization: Bearer` (never in
 * the URL, so that no URL this client builds or reports holds it), JSON in and out, replies
 * checked against their schemas, and failures mapped to the client's error classes.
 */
export class SceneBoxHttp {
  readonly #options: SceneBoxHttpOptions;
  readonly #base: () => Promise<string>;
  readonly #got: Got;

  public constructor(options: SceneBoxHttpOptions) {
    this.#options = options;
    this.#base = cachedUrl(options.baseUrl, withoutTrailingSlash);
    this.#got = got.extend({
      headers: options.authToken ? { authorization: `Bearer ${options.authToken}` } : {},
      responseType: 'text',
      retry: {
        limit: options.retries ?? DEFAULT_RETRIES,
        statusCodes: [408, 429, 500, 502, 503, 504],
      },
    });
  }

  public get authToken(): string | undefined {
    return this.#options.authToken;
  }

  /** The same server with another token (the base URL lookup is shared). */
  public withAuth(authToken: string | undefined): SceneBoxHttp {
    return new SceneBoxHttp({ ...this.#options, baseUrl: this.#base, authToken });
  }

  /** The same token and settings on another base URL, derived from this one (e.g. the asset manager's root). */
  public derive(transform: (baseUrl: string) => string): SceneBoxHttp {
    const base = this.#base;
    return new SceneBoxHttp({ ...this.#options, baseUrl: async () => transform(await base()) });
  }

  public baseUrl(): Promise<string> {
    return this.#base();
  }

  public async json<S extends z.ZodType>(method: Method, path: string, request: JsonRequest<S>): Promise<z.output<S>> {
    const target = new URL(`${await this.#base()}${path.startsWith('/') ? path : `/${path}`}`);
    target.search = toSearchParams(request.query).toString();
    const url = target.toString();
    const started = performance.now();
    let status: number | undefined;
    try {
      const response = await this.#got(url, {
        method,
        ...(request.body !== undefined ? { json: request.body } : {}),
        timeout: { request: request.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS },
        ...(request.retries !== undefined ? { retry: { limit: request.retries } } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
      status = response.statusCode;
      return parseReply(request.schema, response.body, method, redactUrl(url));
    } catch (error) {
      status ??= (error as { response?: { statusCode?: number } }).response?.statusCode;
      throw translateGotError(error, method, url, request.signal);
    } finally {
      this.#options.onResponse?.({ method, url: redactUrl(url), status, durationMs: performance.now() - started });
    }
  }

  public get<S extends z.ZodType>(path: string, request: JsonRequest<S>): Promise<z.output<S>> {
    return this.json('GET', path, request);
  }

  public post<S extends z.ZodType>(path: string, request: JsonRequest<S>): Promise<z.output<S>> {
    return this.json('POST', path, request);
  }

  public put<S extends z.ZodType>(path: string, request: JsonRequest<S>): Promise<z.output<S>> {
    return this.json('PUT', path, request);
  }

  public delete<S extends z.ZodType>(path: string, request: JsonRequest<S>): Promise<z.output<S>> {
    return this.json('DELETE', path, request);
  }
}
