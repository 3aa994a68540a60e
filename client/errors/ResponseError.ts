export interface ResponseErrorDetails {
  status: number;
  /** The server's `message` (SceneDock replies with `{error, message}`), else the start of its body. */
  serverMessage: string;
  /** The server's `error` code when it sent one (`bad_request`, `forbidden`, ...). */
  code: string | undefined;
  method: string;
  /** The URL with every secret (token, signature, policy) redacted. */
  url: string;
}

/** The server answered with a non-2xx status. */
export class ResponseError extends Error {
  public readonly status: number;
  public readonly serverMessage: string;
  public readonly code: string | undefined;
  public readonly method: string;
  public readonly url: string;

  public constructor(details: ResponseErrorDetails) {
    super(`${details.method} ${details.url} failed with ${details.status}: ${details.serverMessage}`);
    this.name = new.target.name;
    this.status = details.status;
    this.serverMessage = details.serverMessage;
    this.code = details.code;
    this.method = details.method;
    this.url = details.url;
  }
}

/** 400: the request was malformed or failed the server's schema; the message names the field. */
export class ValidationError extends ResponseError {}
/** 401: no token, or one the server does not know. */
export class AuthenticationError extends ResponseError {}
/** 403: the caller's role may not do this, or a presigned URL is forged or expired. */
export class PermissionError extends ResponseError {}
/** 404: no such route or asset (also for another organization's assets, whose existence never leaks). */
export class NotFoundError extends ResponseError {}
/** 409: the thing exists already, or is still in use. */
export class ConflictError extends ResponseError {}
/** 507: the server's storage is full. */
export class StorageFullError extends ResponseError {}
