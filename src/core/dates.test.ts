import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOrderOf, formatPartialDate, longDateLabel, parsePartialDate, readDate } from './dates';
import { isProblemCode } from './problems';

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const FR_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** Any real day between the register's bounds. */
const day = fc
  .date({ min: new Date(Date.UTC(1850, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((d) => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }));
const iso = ({ y, m, d }: { y: number; m: number; d: number }) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const two = (n: number) => String(n).padStart(2, '0');

describe('reading the dates people type', () => {
  it.each([
    ['14/03/2024', '2024-03-14'],
    ['14.03.2024', '2024-03-14'],
    ['14-03-2024', '2024-03-14'],
    ['14 mars 2024', '2024-03-14'],
    ['14 March 2024', '2024-03-14'],
    ['March 14, 2024', '2024-03-14'],
    ['14th of March 2024', '2024-03-14'],
    ['1er mars 2024', '2024-03-01'],
    ['jeudi 14 mars 2024', '2024-03-14'],
    ['14 AOÛT 2021', '2021-08-14'],
    ['14 aout 2021', '2021-08-14'],
    ['14 sept. 2021', '2021-09-14'],
    ['3 févr. 2020', '2020-02-03'],
  ])('reads %j as %s, known to the day', (text, date) => {
    expect(readDate(text, 'dmy')).toEqual({ date, precision: 'day', ambiguous: false });
    expect(readDate(text, 'mdy')).toEqual({ date, precision: 'day', ambiguous: false });
  });

  it.each([
    ['2024-03', '2024-03-01'],
    ['03/2024', '2024-03-01'],
    ['mars 2024', '2024-03-01'],
    ['March 2024', '2024-03-01'],
  ])('reads %j as the month %s', (text, date) => {
    expect(readDate(text, 'dmy')).toEqual({ date, precision: 'month', ambiguous: false });
  });

  it('reads 03/04/2024 in the order of the reader’s locale, and says it was ambiguous', () => {
    expect(readDate('03/04/2024', 'dmy')).toEqual({ date: '2024-04-03', precision: 'day', ambiguous: true });
    expect(readDate('03/04/2024', 'mdy')).toEqual({ date: '2024-03-04', precision: 'day', ambiguous: true });
    expect(readDate('04/04/2024', 'mdy')).toMatchObject({ ambiguous: false });
  });

  it('reads a date only one order makes sense of that way, except in a file', () => {
    expect(readDate('14/03/2024', 'mdy')).toMatchObject({ date: '2024-03-14', ambiguous: false });
    expect(readDate('03/14/2024', 'dmy')).toMatchObject({ date: '2024-03-14', ambiguous: false });
    expect(parsePartialDate('03/14/2024')).toMatchObject({ code: 'date_not_real' });
  });

  it('knows which locales write the day first', () => {
    expect(dayOrderOf('fr')).toBe('dmy');
    expect(dayOrderOf('en-GB')).toBe('dmy');
    expect(dayOrderOf('en-US')).toBe('mdy');
    expect(dayOrderOf('not a locale')).toBe('dmy');
  });

  it('says what it understood in words, weekday included', () => {
    const read = readDate('14/03/2024', 'dmy');
    if ('error' in read) throw new Error(read.error);
    expect(longDateLabel(read, 'en-GB')).toMatch(/^Thursday,? 14 March 2024$/);
    expect(longDateLabel(read, 'fr')).toBe('jeudi 14 mars 2024');
    expect(longDateLabel({ date: '2024-03-01', precision: 'month' }, 'fr')).toBe('mars 2024');
    expect(longDateLabel({ date: '2024-01-01', precision: 'year' }, 'en')).toBe('2024');
  });

  it.each([
    ['31/02/2024', 'date_not_real'],
    ['14 mars 1700', 'date_year_out_of_range'],
    ['14 brumaire 2024', 'date_unreadable'],
    ['14/03/24', 'date_unreadable'],
    ['not-an-mgrs', 'date_unreadable'],
    ['32 March 2024', 'date_not_real'],
  ])('refuses %j with the code %s', (text, code) => {
    expect(readDate(text, 'dmy')).toMatchObject({ code });
  });

  it('reads every real day written in any of the accepted ways', () => {
    fc.assert(
      fc.property(day, (date) => {
        const expected = iso(date);
        const forms = [
          iso(date),
          `${two(date.d)}/${two(date.m)}/${date.y}`,
          `${date.d}.${date.m}.${date.y}`,
          `${date.d} ${FR_MONTHS[date.m - 1]} ${date.y}`,
          `${date.d} ${EN_MONTHS[date.m - 1]} ${date.y}`,
          `${EN_MONTHS[date.m - 1]} ${date.d}, ${date.y}`,
        ];
        for (const text of forms)
          expect(readDate(text, 'dmy')).toMatchObject({ date: expected, precision: 'day' });
        expect(readDate(`${two(date.m)}/${two(date.d)}/${date.y}`, 'mdy')).toMatchObject({ date: expected });
      }),
    );
  });

  it('calls a numeric date ambiguous exactly when day and month could be swapped, and agrees otherwise', () => {
    fc.assert(
      fc.property(day, (date) => {
        const text = `${two(date.d)}/${two(date.m)}/${date.y}`;
        const [dmy, mdy] = [readDate(text, 'dmy'), readDate(text, 'mdy')];
        const ambiguous = date.d <= 12 && date.d !== date.m;
        expect(dmy).toMatchObject({ ambiguous });
        if (!ambiguous) expect(mdy).toEqual(dmy);
      }),
    );
  });

  it('never throws, and answers either a real date that reads back the same or a known code', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9./ -]{1,12}$/)), (text) => {
        const read = readDate(text, 'dmy');
        if ('error' in read) expect(isProblemCode(read.code)).toBe(true);
        else {
          const again = readDate(formatPartialDate(read), 'dmy');
          expect(again).toMatchObject({ date: read.date, precision: read.precision });
        }
      }),
    );
  });
});
