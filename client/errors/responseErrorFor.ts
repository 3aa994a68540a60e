import {
  AuthenticationError, ConflictError, NotFoundError, PermissionError, ResponseError, StorageFullError, ValidationError,
  type ResponseErrorDetails,
} from './ResponseError';

const BY_STATUS: Readonly<Record<number, typeof ResponseError>> = {
  400: ValidationError,
  401: AuthenticationError,
  403: PermissionError,
  404: NotFoundError,
  409: ConflictError,
  507: StorageFullError,
};

/** The most specific `ResponseError` for a status, so that callers can branch with `instanceof`. */
export function responseErrorFor(details: ResponseErrorDetails): ResponseError {
  const Class = BY_STATUS[details.status] ?? ResponseError;
  return new Class(details);
}
