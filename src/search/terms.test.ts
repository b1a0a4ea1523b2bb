import { describe, expect, it } from 'vitest';
import { calibres } from '../reference/data/calibres';
import { manufacturers } from '../reference/data/manufacturers';
import { models } from '../reference/data/models';
import { MAX_SEARCH_TERMS, SearchReader, searchText } from './terms';

const reader = new SearchReader({
  manufacturers: manufacturers.map((m) => ({
    key: m.key,
    name: m.name,
    aliases: m.aliases,
    codes: m.headstampCodes,
  })),
  models,
  calibres,
});
const read = (text: string) => reader.read(text);

describe('reading what a person types in a search box', () => {
  it('reads a calibre however it is written, as one term', () => {
    for (const text of ['7.62x39', '7,62 x 39', '7.62×39 mm', '7,62 X 39mm']) {
      const terms = read(text);
      expect(terms, text).toHaveLength(1);
      expect(terms[0]!.calibres, text).toEqual(['7.62x39']);
    }
    expect(read('7.62x54')[0]!.calibres).toEqual(['7.62x54', '7.62x54R']);
    expect(read('82 mm')[0]!.calibres).toEqual(['82mm']);
  });

  it('reads a headstamp code as the producers that stamp it, and a year of production', () => {
    const [code, year] = read('539 1975');
    expect(code!.manufacturers).toContain('su-539');
    expect(year!.years).toEqual([1975]);
  });

  it('reads a producer by any of its names, by a word of them, or by a phrase', () => {
    expect(read('Tula')[0]!.manufacturers).toEqual(expect.arrayContaining(['su-539', 'ru-tula-arms']));
    expect(read('norinco')[0]!.manufacturers).toEqual(['cn-norinco']);
    const phrase = read('Tula Cartridge Works 1975');
    expect(phrase.map((t) => t.text)).toEqual(['Tula Cartridge Works', '1975']);
    expect(phrase[0]!.manufacturers).toEqual(['su-539']);
  });

  it('reads a model by its label or aliases', () => {
    expect(read('AKMS')[0]!.models).toContain('AKMS');
    expect(read('ak-47')[0]!.models).toContain('AK47');
  });

  it('reads countries and kinds of materiel in English and French', () => {
    expect(read('Chine')[0]!.countries).toEqual(['CN']);
    expect(read('URSS')[0]!.countries).toEqual(['SU']);
    expect(read('Union soviétique')[0]!.countries).toEqual(['SU']);
    expect(read('munitions')[0]!.categories).toEqual(['ammunition']);
    expect(read('armes')[0]!.categories).toEqual(['weapon']);
    // Short French words are not country codes.
    expect(read('de')[0]!.countries).toEqual([]);
  });

  it('keeps a serial as written and compacted, so punctuation does not matter', () => {
    expect(read('pw-1457')[0]!.words).toEqual(['pw-1457', 'PW1457']);
  });

  it('keeps a sample key whole', () => {
    const [term] = read('ammo:7.62x39:su-539:1986');
    expect(term!.samples).toEqual(['ammo:7.62x39:su-539:1986']);
    expect(term!.calibres).toEqual([]);
  });

  it('drops what has nothing to search, and bounds the number of terms', () => {
    expect(read("% _ '; --")).toEqual([]);
    expect(read("'; drop table incidents").map((t) => t.text)).toEqual(['drop', 'table', 'incidents']);
    expect(read(Array.from({ length: 18 }, (_, i) => `w${i}`).join(' '))).toHaveLength(MAX_SEARCH_TERMS);
    expect(searchText.safeParse('x'.repeat(201)).success).toBe(false);
    expect(searchText.safeParse(Array.from({ length: 30 }, () => 'a').join(' ')).success).toBe(false);
  });
});
