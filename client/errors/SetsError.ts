/** A set refused the request on the client's side: locked (and not waited for), or misused (the Python client's `SetsError`). */
export class SetsError extends Error {
  public readonly setId: string;

  public constructor(setId: string, message: string) {
    super(`set ${setId}: ${message}`);
    this.name = new.target.name;
    this.setId = setId;
  }
}

/** A locked set did not unlock within the wait (the Python client raises `TimeoutError` here). */
export class SetLockTimeoutError extends SetsError {}
