/** Errors the domain raises; the API maps them to problem+json, the portal to messages. */
export interface FieldIssue {
  field: string;
  /** A key of the `errors` message catalogue (messages/<locale>/errors.json). */
  code: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** T-1: another tenant's row answers exactly like a missing one. */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(404, 'notFound', `${what} not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Only the organizer or a tenant admin may do this') {
    super(403, 'forbidden', message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'A valid bearer token is required') {
    super(401, 'unauthorized', message);
  }
}

export class ValidationError extends DomainError {
  constructor(readonly issues: FieldIssue[]) {
    super(400, 'validation', `Invalid input: ${issues.map((i) => i.field).join(', ')}`);
  }
}

export class ConflictError extends DomainError {
  constructor(readonly issue: FieldIssue, message: string) {
    super(409, 'conflict', message);
  }
}

/** A limit of use was reached (issue 13): the API answers 429 with Retry-After, the portal the message `code`. */
export class RateLimitError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, message);
  }
}

/** A request body larger than the API accepts; refused before it is read whole. */
export class PayloadTooLargeError extends DomainError {
  constructor(readonly limitBytes: number) {
    super(413, 'payloadTooLarge', `The request body exceeds ${limitBytes} bytes`);
  }
}
