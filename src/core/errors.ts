import type { Problem } from './problems';

/**
 * What the domain says when it refuses a request. Domain code throws these; only the server's
 * error handler turns them into HTTP statuses, and the CLI prints their message.
 */
export abstract class DomainError extends Error {
  constructor(
    message: string,
    /** Field-by-field problems a client can show beside each field. */
    readonly details?: unknown,
    /** What is wrong as a stable code, when more precise than the kind of error. */
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Nothing the viewer may see goes by that name: absent and hidden answer alike. */
export class NotFound extends DomainError {
  constructor(what: string) {
    super(`no ${what} you may see`, undefined, { code: 'not_found' });
  }
}

/** The request clashes with the register's state (a duplicate, a step out of order). */
export class Conflict extends DomainError {}

/** The request itself is wrong: a bad value, an unknown field, a missing part. */
export class Invalid extends DomainError {}

/** A file of a type Headstamp does not accept. */
export class UnsupportedType extends Invalid {}

/** The viewer's role does not allow this. */
export class Forbidden extends DomainError {
  constructor(what: string) {
    super(`your role may not ${what}`, undefined, { code: 'forbidden' });
  }
}
