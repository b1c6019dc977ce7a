/**
 * Errors that cross library boundaries. Transports map them to status codes in one place each (the HTTP
 * exception filter and the gRPC exception filter), so domain code never knows about HTTP or gRPC.
 */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export type DomainErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'method_not_allowed'
  | 'too_many_requests'
  | 'unavailable';

/** One invalid field: `path` is dotted (`proxy.listen_path`), `message` says what is wrong with it. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class InvalidInputError extends DomainError {
  readonly code = 'invalid_input';

  /**
   * `summary` replaces the message built from the issues where a protocol words the failure itself
   * (Tyk's "Validation of API Definition failed. Reason: ..."); the issues still name the fields.
   */
  constructor(
    readonly issues: FieldIssue[],
    readonly summary?: string,
  ) {
    super(summary ?? issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; '));
  }
}

/** A known route called with a method it does not take (HTTP 405). */
export class MethodNotAllowedError extends DomainError {
  readonly code = 'method_not_allowed';
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

/** The caller must slow down (login attempts, for instance). */
export class TooManyRequestsError extends DomainError {
  readonly code = 'too_many_requests';

  /** `retryAfterSeconds`, when known, is sent as HTTP `Retry-After` so clients back off the right time. */
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/**
 * A dependency (database, Redis, the bridge) could not be reached, or the service is saturated;
 * retrying later may succeed.
 */
export class UnavailableError extends DomainError {
  readonly code = 'unavailable';

  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
