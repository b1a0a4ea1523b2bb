/**
 * PostgreSQL's answer when a unique key refuses a row (SQLSTATE 23505), as both stores report
 * it: `pg` and PGlite errors carry the code. On a server, two requests can pass the same "is it
 * taken?" check at once; the key then refuses the second, and this recognises that refusal.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/**
 * Runs `write` again when a concurrent writer took the unique key it was about to use (a
 * number drawn from a count, a row another request inserted first): the next attempt sees the
 * committed row and numbers past it or finds nothing left to do. Other errors, and the last
 * refusal, go to the caller (the server answers a unique violation with 409).
 */
export async function retryOnUniqueViolation<T>(write: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= attempts) throw error;
    }
  }
}
