import { describe, expect, it } from 'vitest';
import { rowParser } from '../test/records';
import type { RawRow } from '../records/entity';
import { embargoScopes, embargoSpec } from './embargo.record';

const ivorian: RawRow = {
  regime: 'UNSC 1572 (2004), Côte d’Ivoire',
  scope: 'Territory',
  country: 'CI',
  actors: '',
  start: '2004-11-15',
  end: '2016-04-28',
};

const { issuesOf, recordOf } = rowParser(embargoSpec, ivorian);

describe('embargo scopes', () => {
  it.each([
    ['Territoire', 'territory'],
    ['pays', 'territory'],
    ['Acteurs listés', 'actors'],
    ['sanctions list', 'actors'],
  ] as const)('reads %j as the %s scope', (text, key) => {
    expect(embargoScopes.parse(text)).toBe(key);
  });
});

describe('embargo rows', () => {
  it('reads a territorial embargo with start and end', () => {
    expect(recordOf()).toEqual({
      regime: 'UNSC 1572 (2004), Côte d’Ivoire',
      scope: 'territory',
      country: 'CI',
      actors: [],
      start: '2004-11-15',
      end: '2016-04-28',
    });
  });

  it('reads a row typed in French', () => {
    expect(
      recordOf({ scope: 'Territoire', country: 'Côte d’Ivoire', start: '15/11/2004', end: '28/04/2016' }),
    ).toMatchObject({
      scope: 'territory',
      country: 'CI',
      start: '2004-11-15',
      end: '2016-04-28',
    });
  });

  it('reads an actor-based embargo and its listed actors', () => {
    const record = recordOf({
      regime: 'UNSC 2374 (2017), Mali',
      scope: 'Acteurs listés',
      country: '',
      actors: 'Ahmoudou Ag Asriw; Mohamed Ousmane Ag Mohamedoune',
      end: '',
    });
    expect(record).toMatchObject({
      scope: 'actors',
      country: null,
      actors: ['Ahmoudou Ag Asriw', 'Mohamed Ousmane Ag Mohamedoune'],
      end: null,
    });
  });

  it('rejects a territorial embargo without a country', () => {
    expect(issuesOf({ country: '' })).toEqual(['country: a territorial embargo needs a country']);
  });

  it('rejects an actor-based embargo without actors', () => {
    expect(issuesOf({ scope: 'actors', actors: ' ; ' })).toEqual([
      'actors: an actor-based embargo needs at least one actor',
    ]);
  });

  it('rejects an end before the start', () => {
    expect(issuesOf({ end: '2004-11-14' })).toEqual(['end: end is before start']);
  });

  it('accepts an embargo lifted the day it started', () => {
    expect(recordOf({ end: '2004-11-15' }).end).toBe('2004-11-15');
  });

  it('rejects a start known only to the month or year', () => {
    expect(issuesOf({ start: '2004-11' })).toEqual(['start: "2004-11" must be a full date (YYYY-MM-DD)']);
    expect(issuesOf({ end: '2016' })).toEqual(['end: "2016" must be a full date (YYYY-MM-DD)']);
  });

  it('requires regime, scope and start', () => {
    expect(issuesOf({ regime: '', scope: '', start: '' })).toEqual([
      'regime: regime is required',
      'scope: embargo scope is required (one of: Territory, Listed actors)',
      'start: start is required',
    ]);
  });

  it('rejects an unknown scope, listing the allowed ones', () => {
    expect(issuesOf({ scope: 'regional' })).toEqual([
      'scope: "regional" is not a known embargo scope (one of: Territory, Listed actors)',
    ]);
  });

  it('keys an embargo by its folded regime name', () => {
    expect(embargoSpec.key(recordOf())).toBe(
      embargoSpec.key(recordOf({ regime: 'unsc 1572 (2004) – cote d’ivoire' })),
    );
  });

  it('formats a record back to cells that read as the same record', () => {
    const record = recordOf({ scope: 'actors', actors: 'A; B' });
    const cells = embargoSpec.format(record);
    expect(cells).toMatchObject({ scope: 'actors', actors: 'A; B', end: '2016-04-28' });
    expect(embargoSpec.schema.parse(cells)).toEqual(record);
  });
});
