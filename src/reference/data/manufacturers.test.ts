import { describe, expect, it } from 'vitest';
import { calibres } from './calibres';
import { manufacturerGroups, manufacturers } from './manufacturers';
import type { MakerProduct } from './types';

const PRODUCTS: MakerProduct[] = ['weapons', 'ammunition', 'explosives', 'vehicles'];
const calibreKeys = new Set(calibres.map((c) => c.key));
const ISO = /^[A-Z]{2}$/;

describe('the manufacturer reference list', () => {
  it('holds at least 200 producers, every group filed in the list', () => {
    expect(manufacturers.length).toBeGreaterThanOrEqual(200);
    const grouped = Object.values(manufacturerGroups).reduce((n, group) => n + group.length, 0);
    expect(grouped).toBe(manufacturers.length);
  });

  it('gives each producer a unique key of the form <country>-<code-or-slug>', () => {
    const keys = manufacturers.map((m) => m.key);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
    for (const key of keys) expect(key).toMatch(/^[a-z]{2}-[\p{Ll}\p{N}-]+$/u);
  });

  it('names a public source for every entry', () => {
    for (const m of manufacturers) expect(m.source.trim(), m.key).not.toBe('');
  });

  it('says what every producer makes, from the list of products', () => {
    for (const m of manufacturers) {
      expect(m.makes.length, m.key).toBeGreaterThan(0);
      for (const product of m.makes) expect(PRODUCTS, m.key).toContain(product);
    }
  });

  it('lists only calibres of the calibre reference', () => {
    for (const m of manufacturers)
      for (const calibre of m.calibres ?? []) expect(calibreKeys.has(calibre), `${m.key}: ${calibre}`).toBe(true);
  });

  it('writes countries and locations as two-letter codes and years in order', () => {
    for (const m of manufacturers) {
      expect(m.country, m.key).toMatch(ISO);
      if (m.location) expect(m.location, m.key).toMatch(ISO);
      if (m.years) {
        const [first, last] = m.years;
        expect(first, m.key).toBeGreaterThan(1700);
        if (last !== null) expect(last, m.key).toBeGreaterThanOrEqual(first);
      }
    }
  });

  it('gives a name or alias to two producers only when what they make tells them apart', () => {
    const owners = new Map<string, typeof manufacturers>();
    for (const m of manufacturers)
      for (const name of new Set([m.name, ...m.aliases].map((a) => a.toLowerCase())))
        owners.set(name, [...(owners.get(name) ?? []), m]);
    for (const [name, makers] of owners) {
      const products = makers.flatMap((m) => m.makes);
      expect(new Set(products).size, `"${name}": ${makers.map((m) => m.key).join(', ')}`).toBe(products.length);
    }
  });

  it('lists no code twice on one producer and leaves no blank code', () => {
    for (const m of manufacturers) {
      const codes = m.headstampCodes.map((c) => c.toUpperCase());
      expect(new Set(codes).size, m.key).toBe(codes.length);
      for (const code of codes) expect(code.trim(), m.key).not.toBe('');
    }
  });
});
