import { describe, expect, it } from 'vitest';
import { calibres } from './data/calibres';
import { manufacturers } from './data/manufacturers';
import { models } from './data/models';
import { problemText } from '../core/problems';
import { expandYear, readHeadstamp, type HeadstampOptions, type HeadstampResult } from './headstamp';
import { Normaliser } from './normalise';

const normaliser = new Normaliser({ calibres, manufacturers, models });
const options: HeadstampOptions = {
  isCode: (code) => normaliser.isHeadstampCode(code),
  notAfter: 2021,
  unlistedCodes: true,
};
const read = (text: string, more: Partial<HeadstampOptions> = {}) =>
  readHeadstamp(text, { ...options, ...more });
const reading = (result: HeadstampResult) => {
  if (!('reading' in result)) throw new Error(`not read: ${problemText(result.unread, 'en')}`);
  return result.reading;
};
const codeAndYear = (text: string, more: Partial<HeadstampOptions> = {}) => {
  const r = reading(read(text, more));
  return [r.code, r.year];
};

describe('readHeadstamp: the layouts field teams type', () => {
  it.each([
    ['539 75', '539', 1975],
    ['539/75', '539', 1975],
    ['539-75', '539', 1975],
    ['75 539', '539', 1975],
    ['IK 86', 'IK', 1986],
    ['ИК 86', 'ИК', 1986],
    ['10 ⊙ 79', '10', 1979],
    ['10 * 79', '10', 1979],
    ['⑩ 79', '10', 1979],
    ['⑩79', '10', 1979],
    ['⓾ 79', '10', 1979],
    ['(10) 79', '10', 1979],
    ['⑽ 79', '10', 1979],
    ['945\n10', '945', 2010],
    ['945 / 10', '945', 2010],
    ['41 10', '41', 2010],
    ['71 12', '71', 2012],
    ['ТПЗ 53', 'ТПЗ', 1953],
    ['TPZ 53', 'TPZ', 1953],
    ['539 1975', '539', 1975],
    ['1975 539', '539', 1975],
    ['3 85', '3', 1985],
    ['bxn 85', 'BXN', 1985],
    ['٢٧ 15', '27', 2015],
    ['headstamp: 539 75', '539', 1975],
    ['culot 270 81', '270', 1981],
    ['PPU 7.62x39', 'PPU', null],
    ['27', '27', null],
    ['1986', null, 1986],
  ])('reads %j as code %j, year %j', (text, code, year) => {
    expect(codeAndYear(text)).toEqual([code, year]);
  });

  it('keeps the text as typed', () => {
    expect(reading(read(' 539/75 ')).raw).toBe(' 539/75 ');
  });

  it('keeps the two-digit year as stamped beside the year it was expanded to', () => {
    expect(reading(read('539 75'))).toMatchObject({ year: 1975, yearAsStamped: '75' });
  });

  it.each([
    ['China 31', '31', 'CN'],
    ['Chine 31', '31', 'CN'],
    ['945 (China)', '945', 'CN'],
    ['945 (Chine)', '945', 'CN'],
    ['945 (CN)', '945', 'CN'],
    ['USSR 539', '539', 'SU'],
    ['URSS 539', '539', 'SU'],
    ['СССР 539', '539', 'SU'],
    ['Soviet Union 539', '539', 'SU'],
    ['Egypt 27', '27', 'EG'],
    ['27 Égypte', '27', 'EG'],
  ])('reads the country typed beside the code in %j', (text, code, country) => {
    expect(reading(read(text))).toMatchObject({ code, country });
  });

  it('does not read a two-letter code as a country unless it is in brackets (LC is Lake City)', () => {
    expect(reading(read('LC 85'))).toMatchObject({ code: 'LC', country: null, year: 1985 });
  });

  it.each([
    ['539 75 lot 12', '12'],
    ['539 75 Lot: 12-85', '12-85'],
    ['539 75 L-12', '12'],
    ['lot 7 539/75', '7'],
    ['539 75 batch 3', '3'],
  ])('reads the lot in %j', (text, lot) => {
    expect(reading(read(text))).toMatchObject({ code: '539', year: 1975, lot });
  });
});

describe('readHeadstamp: years', () => {
  it('never gives a year after the incident', () => {
    expect(codeAndYear('539 22', { notAfter: 2021 })).toEqual(['539', 1922]);
    expect(codeAndYear('539 21', { notAfter: 2021 })).toEqual(['539', 2021]);
  });

  it('expands a two-digit year by the calibre era: a 7.62x39 "22" made before 2022 cannot be', () => {
    const r = reading(read('539 22', { notAfter: 2021, notBefore: 1943 }));
    expect(r.year).toBeNull();
    expect(r.notes.join()).toMatch(/cannot be a year/);
  });

  it('reads the same stamp differently for an incident of another date', () => {
    expect(codeAndYear('945 10', { notAfter: 2009 })).toEqual(['945', 1910]);
    expect(codeAndYear('945 10', { notAfter: 2009, notBefore: 1943 })).toEqual(['945', null]);
  });

  it('refuses a four-digit year after the incident, with a note, keeping the code', () => {
    const r = reading(read('539 2023', { notAfter: 2021 }));
    expect(r).toMatchObject({ code: '539', year: null });
    expect(r.notes.join()).toMatch(/after the incident/);
  });

  it('expands two digits to the latest year allowed', () => {
    expect(expandYear(75, 2021)).toBe(1975);
    expect(expandYear(19, 2021)).toBe(2019);
    expect(expandYear(0, 2021)).toBe(2000);
    expect(expandYear(99, 2021, 2000)).toBeNull();
    expect(expandYear(120, 2021)).toBeNull();
  });
});

describe('readHeadstamp: what is not a headstamp', () => {
  it.each([
    ['secondary mark FAMa, serial ground off'],
    ['539 75 3'],
    ['12345 85'],
    ['123456'],
    ['AK 30-round magazine'],
    ['batch marked 2016'],
    ['export packaging, 2016'],
    ['2011; folding stock; no secondary marks'],
    ['61 15; secondary mark FAMa'],
    ['😀 539'],
    ['539 75\u0301'],
    ['FAMa'],
    [''],
    ['   '],
    ['x'.repeat(5000)],
    ['539 '.repeat(200)],
    ['\u0000\u0001'],
    ['((((((((((((((((((((('],
  ])('does not read %j', (text) => {
    expect('unread' in read(text)).toBe(true);
  });

  it('does not take an unlisted code on a weapon (a model number, a serial)', () => {
    expect('unread' in read('AK 47', { unlistedCodes: false })).toBe(true);
    expect('unread' in read('56', { unlistedCodes: false })).toBe(true);
    expect('unread' in read('56 1985', { unlistedCodes: false })).toBe(true);
  });

  it('takes a listed code on a weapon (Arsenal’s 10 in a double circle)', () => {
    expect(codeAndYear('⓾ 1985', { unlistedCodes: false })).toEqual(['10', 1985]);
  });

  it('takes an unlisted letter code on a cartridge', () => {
    expect(codeAndYear('ZZ 85')).toEqual(['ZZ', 1985]);
  });

  it('ignores zero-width characters pasted with the text', () => {
    expect(codeAndYear('539\u200B 75')).toEqual(['539', 1975]);
  });

  it('refuses two different countries', () => {
    expect('unread' in read('China USSR 539')).toBe(true);
  });

  it('finishes quickly on hostile input', () => {
    const start = performance.now();
    for (let i = 0; i < 1000; i++) read(`${'( '.repeat(50)}539${' lot'.repeat(10)}`);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
