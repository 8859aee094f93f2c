/**
 * The one error type for expected failures a person must see: a stable code, a Chinese message
 * safe to show, details, and the HTTP status. The HTTP error handler renders it; the CLI maps it
 * to an exit code.
 */

/** Options of an AppError. */
export interface AppErrorOptions {
  /** HTTP status (default 500 for the base class). */
  status?: number;
  /** Machine-readable details (field errors, limits); shown in JSON, never secrets. */
  details?: unknown;
  cause?: unknown;
}

/** An expected failure with a stable code (`report.not_found`) and a Chinese message. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? 500;
    this.details = options.details;
  }
}

/** 404: the thing asked for does not exist. */
export class NotFoundError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, { status: 404, details });
    this.name = 'NotFoundError';
  }
}

/** 400/422: the input is wrong; `details` says which field and why. */
export class ValidationError extends AppError {
  constructor(code: string, message: string, details?: unknown, status: 400 | 422 = 400) {
    super(code, message, { status, details });
    this.name = 'ValidationError';
  }
}

/** 409: the request conflicts with the current state (e.g. a second instance on the same data). */
export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, { status: 409, details });
    this.name = 'ConflictError';
  }
}

/** 403: not allowed (including cross-site form posts). */
export class ForbiddenError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, { status: 403, details });
    this.name = 'ForbiddenError';
  }
}

/** 413: the request body is larger than the configured limit. */
export class PayloadTooLargeError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, { status: 413, details });
    this.name = 'PayloadTooLargeError';
  }
}

/** Exit code of the CLI for an error: 2 for bad input / conflicts, 1 otherwise. */
export function exitCodeFor(error: unknown): number {
  return error instanceof AppError && error.status < 500 ? 2 : 1;
}
