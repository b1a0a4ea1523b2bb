import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LinkingOccurrence } from './facts';
import { sampleGroups, sameSupply } from './link-groups';
import { defaultLeadSettings as settings } from './settings';

/** The occurrences of one sample at each of the incidents `at` (ids), of the given weight. */
let nextItem = 1;
const shared = (sampleKey: string, at: number[], weight = 0.8): LinkingOccurrence[] =>
  at.map((incidentId) => ({
    sampleKey,
    incidentId,
    itemId: nextItem++,
    serialKey: null,
    serial: null,
    incidents: at.length,
    weight,
  }));
const samplesOf = (groups: LinkingOccurrence[][]) =>
  groups.map((g) => [...new Set(g.map((o) => o.sampleKey))].sort()).sort();

describe('link groups', () => {
  it('puts two samples documented together at most incidents of the rarer one in one supply', () => {
    const groups = sampleGroups([...shared('a', [1, 2, 3]), ...shared('b', [2, 3, 4, 5])], settings);
    expect(samplesOf(groups)).toEqual([['a', 'b']]);
  });

  it('keeps apart two samples that meet at a single incident', () => {
    expect(sameSupply(1, 2, 2, settings)).toBe(false);
    const groups = sampleGroups([...shared('a', [1, 2]), ...shared('b', [2, 3])], settings);
    expect(samplesOf(groups)).toEqual([['a'], ['b']]);
  });

  it('keeps apart two widely seen samples that meet twice by chance', () => {
    const a = shared('a', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const b = shared('b', [1, 2, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(sameSupply(2, 10, 10, settings)).toBe(false);
    expect(samplesOf(sampleGroups([...a, ...b], settings))).toEqual([['a'], ['b']]);
    // The near miss: a lower overlap asks less, and the two are one supply.
    expect(samplesOf(sampleGroups([...a, ...b], { ...settings, groupMinOverlap: 0.2 }))).toEqual([
      ['a', 'b'],
    ]);
  });

  it('chains supplies: a sample together with either of two others joins them', () => {
    const groups = sampleGroups(
      [...shared('a', [1, 2]), ...shared('b', [1, 2, 3, 4]), ...shared('c', [3, 4])],
      settings,
    );
    expect(samplesOf(groups)).toEqual([['a', 'b', 'c']]);
  });

  it('finds the same supplies whatever order the occurrences come in', () => {
    const all = [
      ...shared('d', [9, 8, 7]),
      ...shared('c', [8, 7, 6]),
      ...shared('a', [3, 2, 1]),
      ...shared('b', [3, 2, 5, 4]),
      ...shared('e', [1, 4, 5]),
    ];
    const expected = samplesOf(sampleGroups(all, settings));
    expect(expected).toEqual([
      ['a', 'b', 'e'],
      ['c', 'd'],
    ]);
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: all.length }), (shuffled) => {
        expect(samplesOf(sampleGroups(shuffled, settings))).toEqual(expected);
      }),
      { numRuns: 200, seed: 20261203 },
    );
  });
});
