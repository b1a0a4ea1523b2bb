import {
  dayOrderOf,
  formatPartialDate,
  readDate,
  type DateProblem,
  type DateReading,
} from '@headstamp/core/dates';

/**
 * A date as typed in the form, read the way people of `locale` write dates (the same reader as the
 * server's and the importer's, with the reader's order of day and month); null while empty.
 */
export function readTypedDate(text: string, locale: string): DateReading | DateProblem | null {
  return text.trim() ? readDate(text, dayOrderOf(locale)) : null;
}

/** What the form sends: the date in the register's form when it was read, else the text for the server to refuse. */
export function sentDate(text: string, locale: string): string {
  const read = readTypedDate(text, locale);
  return read && !('error' in read) ? formatPartialDate(read) : text;
}

/** The other reading of an ambiguous date, day and month swapped. */
export function swapped(reading: DateReading): DateReading {
  const [y, m, d] = reading.date.split('-');
  return { ...reading, date: `${y}-${d}-${m}` };
}
