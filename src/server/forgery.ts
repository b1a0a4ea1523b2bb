import type { IncomingHttpHeaders } from 'node:http';

/** Methods that change something: the ones a forged request is sent with. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Why a request must be refused as a possible cross-site forgery, or null when it may go on.
 *
 * The session cookie is SameSite=Strict, which stops other sites but not a sibling origin of
 * the same site (another port or subdomain of the host): a page there can auto-submit an
 * `enctype=text/plain` form or send a `no-cors` multipart `fetch` with the cookie. Browsers mark
 * every such request with `Origin` and, today, `Sec-Fetch-Site`; the page cannot change either.
 * So a state-changing request is refused when:
 * - `Sec-Fetch-Site` is present and is neither `same-origin` nor `none` (typed by the user), or
 * - `Origin` is present and is not this server's own (its host, as the `Host` header names it;
 *   `null`, sent by sandboxed frames and some redirects, is never ours).
 *
 * A request with neither header comes from no browser (a script, curl, the test client), and a
 * bearer-token request is exempt: a browser never adds an `Authorization` header on its own, and
 * a page cannot set one on a cross-origin request without a CORS preflight this server refuses.
 */
export function forgeryRefusal(method: string, headers: IncomingHttpHeaders): string | null {
  if (!STATE_CHANGING.has(method.toUpperCase())) return null;
  if (headers.authorization?.startsWith('Bearer ')) return null;
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return `a ${site} request may not change anything here: send it from Headstamp's own pages`;
  const origin = headers.origin;
  if (origin !== undefined && hostOf(origin) !== headers.host?.toLowerCase())
    return `a request from ${origin} may not change anything here: send it from Headstamp's own pages`;
  return null;
}

function hostOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}
