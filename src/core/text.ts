/**
 * Folds text for matching: accents, case, punctuation and spacing are forgiven,
 * so "Côte d'Ivoire", "COTE D IVOIRE" and "cote-d'ivoire" meet on one key.
 */
export function foldKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A cell that analysts use to say "nothing known": treated as empty. */
const UNKNOWN_MARKERS = new Set([
  '',
  '?',
  '-',
  'na',
  'n a',
  'nd',
  'n d',
  'unknown',
  'inconnu',
  'inconnue',
  'none',
]);

export function isBlank(text: string | undefined | null): boolean {
  return text == null || UNKNOWN_MARKERS.has(foldKey(text));
}

/** Trims a cell and turns blank or "unknown" markers into null. */
export function cleanCell(text: string | undefined | null): string | null {
  if (text == null) return null;
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return isBlank(trimmed) ? null : trimmed;
}

/** Levenshtein distance, for "did you mean" suggestions on short names. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest candidate within a small edit distance, to suggest on a typo. */
export function closest(text: string, candidates: Iterable<string>): string | undefined {
  const folded = foldKey(text);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(folded, foldKey(candidate));
    if (distance <= Math.max(2, Math.floor(folded.length / 4)) && (!best || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

/**
 * Text as a LIKE / ILIKE pattern that matches only itself: `%`, `_` and the escape character `\`
 * (PostgreSQL's default) each get a backslash. Every pattern built from a caller's text goes
 * through here: unescaped, `%` matches everything and a trailing `\` makes the query fail.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why text cannot be stored, or null when it can: PostgreSQL text holds no NUL, and a lone
 * UTF-16 surrogate (which JSON can write as `\ud800`) is no character at all, so it can be
 * neither stored nor sent back as UTF-8. Checked where text enters, so it never reaches a query.
 */
export function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) return 'holds a NUL character';
  if (LONE_SURROGATE.test(text)) return 'holds a lone surrogate (half of a UTF-16 character)';
  return null;
}
