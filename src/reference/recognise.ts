import type { Problem } from '../core/problems';
import { calibreFirstYear, readHeadstamp, type HeadstampReading } from './headstamp';
import { sameStateLine, type MakerResolved, type Normaliser, type Resolved } from './normalise';
import type { MaterielDescription } from '../records/materiel';

// What was recognised in an item as typed: its headstamp read, its producer found (or not, or
// several), and the columns the reading fills. Pure: the register, the API's preview and the
// import all call this with the reference lists loaded once.

/** The columns of an item that recognition reads and may fill. */
export interface ItemText extends MaterielDescription {
  category: string;
  markings: string | null;
}

export type FilledColumn = 'manufacturer' | 'country_of_manufacture' | 'year' | 'lot' | 'markings';

export interface MakerCandidate {
  key: string;
  name: string;
  country: string;
}

export type MakerRecognition =
  | (MakerCandidate & {
      status: 'recognised';
      /** The state a tracing request goes to: where the works stand today. */
      tracingCountry: string;
      code: string | null;
    })
  | { status: 'ambiguous'; key: string; code: string | null; candidates: MakerCandidate[] }
  | { status: 'unrecognised'; key: string; text: string; reason: string | null };

export interface Recognition {
  /** What was read as a headstamp (from the markings, or a producer cell typed as one). */
  headstamp: HeadstampReading | null;
  /** Why the markings were not read as a headstamp, when there were markings. */
  headstampUnread: Problem | null;
  maker: MakerRecognition | null;
  model: Resolved | null;
  calibre: Resolved | null;
  /** The item's year, country and lot once the reading filled what was empty. */
  year: number | null;
  country: string | null;
  lot: string | null;
  filled: { column: FilledColumn; value: string }[];
  /** Columns that were filled in and that the headstamp contradicts: said, never overridden. */
  conflicts: { column: FilledColumn; given: string; read: string }[];
}

export type MakerStatus = MakerRecognition['status'];

const yearOf = (date: string | null | undefined, today: Date) =>
  date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : today.getUTCFullYear();

/**
 * Recognises an item: reads its headstamp, fills the producer, country, year and lot from it
 * where they are empty, says where they disagree, and resolves the producer in the item's
 * context. `incidentDate` bounds the year (never after the incident).
 */
export function recognise(
  item: ItemText,
  normaliser: Normaliser,
  incidentDate: string | null,
  today: Date = new Date(),
): { completed: ItemText; recognition: Recognition } {
  const calibre = normaliser.calibre(item.calibre);
  const calibreResolved = calibre && 'key' in calibre ? calibre : null;
  const options = {
    isCode: (code: string) => normaliser.isHeadstampCode(code),
    notAfter: yearOf(incidentDate, today),
    ...(calibreFirstYear(calibreResolved?.key ?? null) !== undefined
      ? { notBefore: calibreFirstYear(calibreResolved?.key ?? null)! }
      : {}),
    unlistedCodes: item.category === 'ammunition',
  };
  const context = (fields: Pick<ItemText, 'country_of_manufacture' | 'year'>) => ({
    category: item.category,
    country: fields.country_of_manufacture,
    calibre: calibreResolved?.key ?? null,
    year: fields.year,
  });

  const completed: ItemText = { ...item };
  const filled: Recognition['filled'] = [];
  const conflicts: Recognition['conflicts'] = [];
  let headstamp: HeadstampReading | null = null;
  let headstampUnread: Problem | null = null;

  if (item.markings) {
    const result = readHeadstamp(item.markings, options);
    if ('reading' in result) headstamp = result.reading;
    else headstampUnread = result.unread;
  }
  // A headstamp typed in the producer column ("539 75", "China 31") is read there too, when it
  // does not name a producer as it stands; the text is kept in the markings. Only when these are
  // empty: the text typed in either must survive, and markings are never rewritten.
  let columnRead = false;
  if (!item.markings && item.manufacturer) {
    const direct = normaliser.manufacturer(item.manufacturer, context(item));
    if (direct && !direct.known && !direct.candidates) {
      const result = readHeadstamp(item.manufacturer, options);
      if ('reading' in result && result.reading.code) {
        headstamp = result.reading;
        headstampUnread = null;
        columnRead = true;
      }
    }
  }

  if (headstamp) {
    if (columnRead) {
      completed.manufacturer = headstamp.code;
      filled.push({ column: 'manufacturer', value: headstamp.code! });
      if (!item.markings) {
        completed.markings = headstamp.raw;
        filled.push({ column: 'markings', value: headstamp.raw });
      }
    } else if (headstamp.code && !item.manufacturer) {
      completed.manufacturer = headstamp.code;
      filled.push({ column: 'manufacturer', value: headstamp.code });
    }
    if (headstamp.country) {
      if (!item.country_of_manufacture) {
        completed.country_of_manufacture = headstamp.country;
        filled.push({ column: 'country_of_manufacture', value: headstamp.country });
      } else if (!sameStateLine(item.country_of_manufacture, headstamp.country)) {
        conflicts.push({
          column: 'country_of_manufacture',
          given: item.country_of_manufacture,
          read: headstamp.country,
        });
      }
    }
    if (headstamp.year !== null) {
      if (item.year === null) {
        completed.year = headstamp.year;
        filled.push({ column: 'year', value: String(headstamp.year) });
      } else if (item.year !== headstamp.year) {
        conflicts.push({ column: 'year', given: String(item.year), read: String(headstamp.year) });
      }
    }
    if (headstamp.lot) {
      if (!item.lot) {
        completed.lot = headstamp.lot;
        filled.push({ column: 'lot', value: headstamp.lot });
      } else if (item.lot.replace(/[\s-]/g, '').toUpperCase() !== headstamp.lot.replace(/-/g, '')) {
        conflicts.push({ column: 'lot', given: item.lot, read: headstamp.lot });
      }
    }
  }

  const resolved = normaliser.manufacturer(completed.manufacturer, context(completed));
  const model = normaliser.model(item.model);
  // A producer typed by name and a code read from the markings must name the same works.
  if (headstamp?.code && item.manufacturer && !columnRead && resolved) {
    const fromCode = normaliser.manufacturer(headstamp.code, context(completed));
    if (fromCode && !agree(resolved, fromCode)) {
      conflicts.push({
        column: 'manufacturer',
        given: item.manufacturer,
        read: describeCode(fromCode, headstamp.code, normaliser),
      });
    }
  }

  return {
    completed,
    recognition: {
      headstamp,
      headstampUnread,
      maker: resolved ? makerRecognition(resolved, completed.manufacturer!, normaliser) : null,
      model: model && 'key' in model ? model : null,
      calibre: calibreResolved,
      year: completed.year,
      country: completed.country_of_manufacture,
      lot: completed.lot,
      filled,
      conflicts,
    },
  };
}

/** Two resolutions of one producer agree when they share a key or one is among the other's candidates. */
function agree(a: MakerResolved, b: MakerResolved): boolean {
  if (a.key === b.key) return true;
  const keysOf = (r: MakerResolved) => (r.known ? [r.key] : (r.candidates ?? []));
  const ka = keysOf(a);
  const kb = keysOf(b);
  // An unlisted producer cannot be compared with a code: nothing to contradict.
  if (ka.length === 0 || kb.length === 0) return true;
  return ka.some((k) => kb.includes(k));
}

function describeCode(resolved: MakerResolved, code: string, normaliser: Normaliser): string {
  const maker = resolved.known ? normaliser.maker(resolved.key) : undefined;
  return maker ? `${code} (${maker.name})` : code;
}

function makerRecognition(resolved: MakerResolved, text: string, normaliser: Normaliser): MakerRecognition {
  const candidate = (key: string): MakerCandidate => {
    const maker = normaliser.maker(key);
    return { key, name: maker?.name ?? key, country: maker?.country ?? '' };
  };
  if (resolved.known) {
    return {
      status: 'recognised',
      ...candidate(resolved.key),
      tracingCountry: normaliser.tracingCountry(resolved.key) ?? '',
      code: resolved.code ?? null,
    };
  }
  if (resolved.candidates)
    return {
      status: 'ambiguous',
      key: resolved.key,
      code: resolved.code ?? null,
      candidates: resolved.candidates.map(candidate),
    };
  return { status: 'unrecognised', key: resolved.key, text, reason: resolved.reason ?? null };
}

/** Counts of items by what became of their producer, for an import's preview. */
export interface RecognitionCounts {
  items: number;
  headstampsRead: number;
  recognised: number;
  ambiguous: number;
  unrecognised: number;
  /** Items that name no producer at all. */
  noMaker: number;
}

export function countRecognitions(recognitions: Recognition[]): RecognitionCounts {
  const counts: RecognitionCounts = {
    items: recognitions.length,
    headstampsRead: 0,
    recognised: 0,
    ambiguous: 0,
    unrecognised: 0,
    noMaker: 0,
  };
  for (const r of recognitions) {
    if (r.headstamp) counts.headstampsRead++;
    if (r.maker) counts[r.maker.status]++;
    else counts.noMaker++;
  }
  return counts;
}
