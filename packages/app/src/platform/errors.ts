// Errors a person can act on. Services throw these; routes turn them into pages with an error
// summary, or into RFC 9457 problem details for the API.

/** Input that breaks a rule. Each message names the field and says what to do. */
export class ValidationError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join(' '));
  }
}

/** The actor may not do this (403), or may not even know the thing exists (404, `hidden`). */
export class ForbiddenError extends Error {
  constructor(
    message = 'You do not have permission to do that.',
    readonly hidden = false,
  ) {
    super(message);
  }
}

export class NotFoundError extends Error {
  constructor(message = 'Page not found') {
    super(message);
  }
}

/** The action clashes with what is already there (a duplicate ODS code, an email in use). */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Too many attempts: sign-in limits. */
export class TooManyAttemptsError extends Error {}
