/** The request never got an HTTP answer: connection refused or reset, DNS, timeout. */
export class TransportError extends Error {
  /** Node's or got's error code (`ECONNREFUSED`, `ETIMEDOUT`, ...). */
  public readonly code: string;
  public readonly method: string;
  public readonly url: string;

  public constructor(method: string, url: string, code: string, cause: unknown) {
    super(`${method} ${url} failed: ${code}${cause instanceof Error ? ` (${cause.message})` : ''}`, { cause });
    this.name = 'TransportError';
    this.code = code;
    this.method = method;
    this.url = url;
  }
}
