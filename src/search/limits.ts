// How much a search may ask, read by the server's schema and by the pages that check a link
// before they send it (free of Node modules).

/** At most this many terms: each is a condition on the whole register. */
export const MAX_SEARCH_TERMS = 10;
export const MAX_SEARCH_LENGTH = 200;

/** Whether a search text is within the limits the server's schema (`searchText`) keeps. */
export function withinSearchLimits(text: string): boolean {
  return text.length <= MAX_SEARCH_LENGTH && text.split(/\s+/).length <= 2 * MAX_SEARCH_TERMS;
}
