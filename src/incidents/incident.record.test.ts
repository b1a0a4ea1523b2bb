import { describe, expect, it } from 'vitest';
import { parseMgrs } from '../core/geo';
import { rowParser } from '../test/records';
import type { RawRow } from '../records/entity';
import { incidentSpec } from './incident.record';

const aguelhok: RawRow = {
  ref: '210402 Complex attack, Aguelhok',
  date: '2021-04-02',
  type: 'Complex attack',
  country: 'ML',
  admin1: 'Kidal',
  place: 'Aguelhok',
  lat: '19.4612',
  lon: '0.8589',
  actor: 'JNIM',
  attribution: 'Claimed',
  killed: '4',
  injured: '19',
  peacekeepers_killed: '4',
  peacekeepers_injured: '19',
};

const { issuesOf, recordOf } = rowParser(incidentSpec, aguelhok);

/** The issues of a rejected row as "column: message". */

/** Mopti, Mali, and its 1 m and 100 m MGRS references. */
const mopti = { lat: 14.4843, lon: -4.1966, grid: '30PUB7104501625', coarseGrid: '30PUB710016' };

describe('incident rows', () => {
  it('reads a complete English row', () => {
    expect(recordOf()).toMatchObject({
      ref: '210402 Complex attack, Aguelhok',
      date: { date: '2021-04-02', precision: 'day' },
      type: 'complex_attack',
      country: 'ML',
      lat: 19.4612,
      lon: 0.8589,
      mgrs: null,
      attribution: 'claimed',
      killed: 4,
      peacekeepers_killed: 4,
      classification: 'internal',
    });
  });

  it('reads a row typed in French: day-first date, French terms, country name and decimal commas', () => {
    expect(
      recordOf({
        date: '02/04/2021',
        type: 'Attaque complexe',
        country: 'Mali',
        lat: '19,4612',
        lon: '0,8589',
        attribution: 'Revendiqué',
        classification: 'Confidentiel',
      }),
    ).toMatchObject({
      date: { date: '2021-04-02', precision: 'day' },
      type: 'complex_attack',
      country: 'ML',
      lat: 19.4612,
      lon: 0.8589,
      attribution: 'claimed',
      classification: 'confidential',
    });
  });

  it('reads French incident type synonyms such as "attaque IED"', () => {
    expect(recordOf({ type: 'attaque IED' }).type).toBe('ied_attack');
    expect(recordOf({ type: 'Attaque à l’EEI' }).type).toBe('ied_attack');
    expect(recordOf({ type: 'tirs de roquettes' }).type).toBe('indirect_fire');
  });

  it('accepts a date known only to the month or the year', () => {
    expect(recordOf({ date: '2016' }).date).toEqual({ date: '2016-01-01', precision: 'year' });
    expect(recordOf({ date: '04/2021' }).date).toEqual({ date: '2021-04-01', precision: 'month' });
  });

  it('presumes an actor named without an attribution status', () => {
    expect(recordOf({ attribution: '' }).attribution).toBe('presumed');
  });

  it('marks an incident without actor or status as unattributed', () => {
    expect(recordOf({ actor: '', attribution: '?' }).attribution).toBe('unknown');
  });

  it('treats "inconnu" and "N/A" cells as empty', () => {
    const record = recordOf({ actor: 'inconnu', attribution: 'N/A', killed: '?', peacekeepers_killed: '-' });
    expect(record.actor).toBeNull();
    expect(record.attribution).toBe('unknown');
    expect(record.killed).toBeNull();
    expect(record.peacekeepers_killed).toBeNull();
  });

  it('rounds coordinates to six decimals', () => {
    const record = recordOf({ lat: '19.46123456', lon: '0.85891234' });
    expect([record.lat, record.lon]).toEqual([19.461235, 0.858912]);
  });

  it('reports a date in the future, latitude 200, an unreadable MGRS and −3 killed together, each with its code', () => {
    const result = incidentSpec.schema.safeParse({
      ...aguelhok,
      date: '2031-01-01',
      lat: '200',
      mgrs: 'not-an-mgrs',
      killed: '-3',
    });
    if (result.success) throw new Error('expected a refusal');
    expect(
      result.error.issues.map((i) => [
        i.path.join('.'),
        (i as { params?: { problem?: string } }).params?.problem,
      ]),
    ).toEqual([
      ['date', 'date_in_future'],
      ['lat', 'latitude_out_of_range'],
      ['mgrs', 'mgrs_unreadable'],
      ['killed', 'not_a_whole_number'],
    ]);
  });

  it('checks across fields even when another field is refused', () => {
    expect(issuesOf({ killed: '1', peacekeepers_killed: '4', date: 'soon' })).toEqual([
      'date: "soon" is not a date: use YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY or 14 March 2024',
      'peacekeepers_killed: peacekeepers killed cannot exceed the total killed',
    ]);
  });

  it('rejects a latitude outside -90..90 on the lat column', () => {
    expect(issuesOf({ lat: '95' })).toEqual(['lat: latitude 95 is outside -90..90']);
  });

  it('rejects a longitude outside -180..180 on the lon column', () => {
    expect(issuesOf({ lon: '200' })).toEqual(['lon: longitude 200 is outside -180..180']);
  });

  it('rejects a latitude without a longitude, and the reverse', () => {
    expect(issuesOf({ lon: '' })).toEqual(['lon: give both lat and lon, or neither']);
    expect(issuesOf({ lat: '' })).toEqual(['lat: give both lat and lon, or neither']);
  });

  it('rejects coordinates that are not numbers', () => {
    expect(issuesOf({ lat: '19°27′N' })).toEqual(['lat: "19°27′N" is not a number']);
  });

  it('takes the position from an MGRS reference when no lat/lon is given, keeping it in canonical form', () => {
    const record = recordOf({ lat: '', lon: '', mgrs: '30pub 71045 01625' });
    expect(record.mgrs).toBe(mopti.grid);
    expect(record.lat).toBeCloseTo(mopti.lat, 4);
    expect(record.lon).toBeCloseTo(mopti.lon, 4);
  });

  it('accepts an MGRS reference that agrees with lat/lon', () => {
    const record = recordOf({ lat: '14,4843', lon: '-4,1966', mgrs: mopti.grid });
    expect([record.lat, record.lon, record.mgrs]).toEqual([14.4843, -4.1966, mopti.grid]);
  });

  it('rejects an MGRS reference hundreds of kilometres from lat/lon, saying how far', () => {
    // The Mopti grid reference against Aguelhok's coordinates.
    const issues = issuesOf({ mgrs: mopti.grid });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^mgrs: 30PUB7104501625 is \d{3} km from lat\/lon 19\.4612, 0\.8589$/);
  });

  it('allows lat/lon anywhere in a coarse grid square plus 100 m, and rejects it beyond', () => {
    const centre = parseMgrs(mopti.coarseGrid);
    if ('error' in centre) throw new Error(centre.error);
    // 0.0015° of latitude is about 167 m: inside a 100 m square's 200 m tolerance.
    expect(
      recordOf({ lat: String(centre.lat + 0.0015), lon: String(centre.lon), mgrs: mopti.coarseGrid }).mgrs,
    ).toBe(mopti.coarseGrid);
    // 0.003° is about 334 m: too far, and reported in metres rather than as "0 km".
    expect(
      issuesOf({ lat: String(centre.lat + 0.003), lon: String(centre.lon), mgrs: mopti.coarseGrid }),
    ).toEqual([`mgrs: ${mopti.coarseGrid} is 334 m from lat/lon ${centre.lat + 0.003}, ${centre.lon}`]);
  });

  it('rejects text that is not an MGRS reference', () => {
    expect(issuesOf({ mgrs: '14.48N 4.19W' })).toEqual([
      'mgrs: "14.48N 4.19W" is not an MGRS grid reference (e.g. 30PXC 12345 67890)',
    ]);
  });

  it('rejects a claimed or confirmed attribution without a named actor', () => {
    expect(issuesOf({ actor: '' })).toEqual(['actor: attribution is "claimed" but no actor is named']);
    expect(issuesOf({ actor: '', attribution: 'Confirmé' })).toEqual([
      'actor: attribution is "confirmed" but no actor is named',
    ]);
  });

  it('rejects more peacekeepers killed than people killed', () => {
    expect(issuesOf({ killed: '3', peacekeepers_killed: '4' })).toEqual([
      'peacekeepers_killed: peacekeepers killed cannot exceed the total killed',
    ]);
  });

  it('rejects more peacekeepers injured than people injured', () => {
    expect(issuesOf({ injured: '2', peacekeepers_injured: '19' })).toEqual([
      'peacekeepers_injured: peacekeepers injured cannot exceed the total injured',
    ]);
  });

  it('accepts peacekeeper casualties when the total is not known', () => {
    expect(recordOf({ killed: '', peacekeepers_killed: '4' }).peacekeepers_killed).toBe(4);
  });

  it('rejects a date in the future', () => {
    const nextYear = String(new Date().getUTCFullYear() + 1);
    expect(issuesOf({ date: `${nextYear}-01-15` })).toEqual(['date: date is in the future']);
    expect(issuesOf({ date: nextYear })).toEqual(['date: date is in the future']);
  });

  it('rejects a date that does not exist', () => {
    expect(issuesOf({ date: '30/02/2021' })).toEqual(['date: "30/02/2021" is not a real calendar date']);
  });

  it('requires ref, date and country', () => {
    expect(issuesOf({ ref: ' ', date: '', country: '?' })).toEqual([
      'ref: ref is required',
      'date: date is required',
      'country: country is required',
    ]);
  });

  it('rejects an unknown incident type, listing the allowed ones', () => {
    const [issue] = issuesOf({ type: 'drone strike' });
    expect(issue).toContain(
      'type: "drone strike" is not a known incident type (one of: IED attack, IED find,',
    );
  });

  it('rejects an unknown attribution status and classification, naming the vocabulary', () => {
    expect(issuesOf({ attribution: 'peut-être' })[0]).toContain('"peut-être" is not a known attribution');
    expect(issuesOf({ classification: 'top secret' })[0]).toContain(
      '"top secret" is not a known classification',
    );
  });

  it('rejects negative or fractional casualty counts', () => {
    expect(issuesOf({ killed: '-1' })).toEqual(['killed: "-1" is not a whole number']);
    expect(issuesOf({ injured: '2,5' })).toEqual(['injured: "2,5" is not a whole number']);
  });

  it('rejects an unknown country', () => {
    expect(issuesOf({ country: 'Azawad' })).toEqual([
      'country: "Azawad" is not a country (ISO code or English or French name)',
    ]);
  });

  it('keys an incident by its reference and formats it back to the cells it was read from', () => {
    const record = recordOf({ date: '04/2021', mgrs: '' });
    expect(incidentSpec.key(record)).toBe('210402 Complex attack, Aguelhok');
    expect(incidentSpec.format(record)).toMatchObject({
      date: '2021-04',
      type: 'complex_attack',
      lat: '19.4612',
      mgrs: '',
      attribution: 'claimed',
      killed: '4',
    });
    expect(incidentSpec.schema.parse(incidentSpec.format(record))).toEqual(record);
  });
});
