/** A 2xx reply whose body is not what the protocol says: not JSON, or failing its schema. */
export class MalformedResponseError extends Error {
  public readonly method: string;
  public readonly url: string;

  public constructor(method: string, url: string, reason: string) {
    super(`${method} ${url} answered with a malformed reply: ${reason}`);
    this.name = 'MalformedResponseError';
    this.method = method;
    this.url = url;
  }
}
