/** Errors a route throws to answer with a 4xx status; anything else is a 500. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, `no ${what} you may see`);
export const conflict = (message: string) => new HttpError(409, message);
export const unauthorised = () => new HttpError(401, 'sign in first');
