/** A session request refused on the client's side (the Python client's `SessionError`). */
export class SessionError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'SessionError';
  }
}
