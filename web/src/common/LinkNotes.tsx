import { useI18n } from '../i18n/i18n';

/**
 * A value of a link (a bookmark, a shared address) that the page could not use as written:
 * read as another (`type=cache` as the arms caches) or, when nothing matches, left out.
 */
export interface LinkNote<N extends string = string> {
  name: N;
  value: string;
  /** What it was read as; none when it was left out. */
  readAs?: string;
}

/** Reads a value as the page uses it; undefined when it cannot be used. */
export type LinkReader = (value: string) => string | undefined;

/**
 * The values of an address the page knows how to read, each through its reader: an old or
 * mistyped link still opens the page, and the notes say what was read differently or left out.
 */
export function readLink<N extends string>(
  search: URLSearchParams,
  readers: Record<N, LinkReader>,
): { values: Partial<Record<N, string>>; notes: LinkNote<N>[] } {
  const values: Partial<Record<N, string>> = {};
  const notes: LinkNote<N>[] = [];
  for (const name of Object.keys(readers) as N[]) {
    const value = search.get(name)?.trim();
    if (!value) continue;
    const read = readers[name](value);
    if (read === undefined) notes.push({ name, value });
    else {
      values[name] = read;
      if (read !== value) notes.push({ name, value, readAs: read });
    }
  }
  return { values, notes };
}

/** Says, above the page, which values of its link were read differently or left out. */
export function LinkNotes<N extends string>({
  notes,
  label,
  shown = (_name, value) => value,
}: {
  notes: readonly LinkNote<N>[];
  /** The name of a value's field, as the page's form labels it. */
  label(name: N): string;
  /** A value as the page shows it (a vocabulary key as its label). */
  shown?(name: N, value: string): string;
}) {
  const { t, language } = useI18n();
  if (notes.length === 0) return null;
  const left = notes.filter((n) => n.readAs === undefined);
  const named = (n: LinkNote<N>) => t('filters.named', { filter: label(n.name), value: n.value });
  return (
    <div className="notice link-notes" role="status" data-testid="link-notes">
      {left.length > 0 && (
        <p>
          {t('filters.ignored', {
            count: left.length,
            filters: new Intl.ListFormat(language, { type: 'conjunction' }).format(left.map(named)),
          })}
        </p>
      )}
      {notes
        .filter((n) => n.readAs !== undefined)
        .map((n) => (
          <p key={n.name}>
            {t('filters.readAs', { filter: label(n.name), value: n.value, as: shown(n.name, n.readAs!) })}
          </p>
        ))}
    </div>
  );
}
