import { describe, expect, it } from 'vitest';
import { actorSpec } from '../actors/actor.record';
import { baselineSpec } from '../baselines/baseline.record';
import { embargoSpec } from '../embargoes/embargo.record';
import { incidentSpec } from '../incidents/incident.record';
import { attributionStatuses, classifications, incidentTypes } from '../incidents/vocabulary';
import { itemSpec } from '../items/item.record';
import { itemCategories } from '../items/vocabulary';
import { calibres } from '../reference/data/calibres';
import { manufacturers } from '../reference/data/manufacturers';
import { models } from '../reference/data/models';
import { Normaliser } from '../reference/normalise';
import { identify } from '../samples/sample';
import { foldKey } from '../core/text';
import { entityKinds, type EntityKind, type EntitySpec, type RawRow } from '../records/entity';
import { generateDemo } from './generate';

const specs: Record<EntityKind, EntitySpec<unknown>> = {
  actors: actorSpec,
  incidents: incidentSpec,
  items: itemSpec,
  baselines: baselineSpec,
  embargoes: embargoSpec,
};

const demo = generateDemo();
const incidentByRef = new Map(demo.incidents.map((r) => [r.ref, r]));

/** A cell by column name ('' when absent), for rows typed as plain records. */
const cell = (row: RawRow | undefined, column: string): string => row?.[column] ?? '';
const incidentOf = (item: RawRow): RawRow | undefined => incidentByRef.get(cell(item, 'incident_ref'));
const normaliser = new Normaliser({ calibres, manufacturers, models });

/** The sample (calibre or model, producer, year) the leads engine links items by. */
const sampleOf = (row: RawRow) => identify(itemSpec.schema.parse(row), normaliser).identity.sample_key;

/** Incidents where items of the sample were documented, in date order. */
function incidentsWithSample(sampleKey: string): RawRow[] {
  const refs = new Set(
    demo.items.filter((item) => sampleOf(item) === sampleKey).map((item) => item.incident_ref),
  );
  return demo.incidents.filter((incident) => refs.has(incident.ref));
}

describe('generateDemo', () => {
  it('gives identical output for the same seed', () => {
    expect(generateDemo({ seed: 7, incidents: 120 })).toEqual(generateDemo({ seed: 7, incidents: 120 }));
    expect(generateDemo()).toEqual(demo);
  });

  it('gives different output for a different seed', () => {
    expect(generateDemo({ seed: 8, incidents: 120 })).not.toEqual(generateDemo({ seed: 7, incidents: 120 }));
  });

  it('makes the default set 300–500 incidents and 2,000–5,000 items', () => {
    expect(demo.incidents.length).toBeGreaterThanOrEqual(300);
    expect(demo.incidents.length).toBeLessThanOrEqual(500);
    expect(demo.items.length).toBeGreaterThanOrEqual(2000);
    expect(demo.items.length).toBeLessThanOrEqual(5000);
  });

  it('keys every row by exactly the canonical columns, with string cells', () => {
    for (const kind of entityKinds) {
      const names = specs[kind].columns.map((c) => c.name).sort();
      for (const row of demo[kind]) {
        expect(Object.keys(row).sort()).toEqual(names);
        expect(Object.values(row).every((cell) => typeof cell === 'string')).toBe(true);
      }
    }
  });

  it('writes vocabulary keys, not labels', () => {
    for (const row of demo.incidents) {
      expect(incidentTypes.keys).toContain(row.type);
      expect(classifications.keys).toContain(row.classification);
      if (row.attribution) expect(attributionStatuses.keys).toContain(row.attribution);
      expect(row.date).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
    }
    for (const row of demo.items) expect(itemCategories.keys).toContain(row.category);
  });

  it('produces rows that every entity schema accepts', () => {
    const failures: string[] = [];
    for (const kind of entityKinds) {
      demo[kind].forEach((row, i) => {
        const parsed = specs[kind].schema.safeParse(row);
        if (!parsed.success)
          failures.push(
            `${kind}[${i}]: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
          );
      });
    }
    expect(failures).toEqual([]);
  });

  it('gives unique incident and item refs', () => {
    expect(new Set(demo.incidents.map((r) => r.ref)).size).toBe(demo.incidents.length);
    expect(new Set(demo.items.map((r) => r.ref)).size).toBe(demo.items.length);
  });

  it('links every item to an existing incident', () => {
    expect(demo.items.filter((item) => incidentOf(item) === undefined)).toEqual([]);
  });

  it('names only actors that are in the actors table', () => {
    const known = new Set(
      demo.actors.flatMap((a) => [cell(a, 'name'), ...cell(a, 'aliases').split(';')].map(foldKey)),
    );
    const named = [
      ...demo.incidents.map((r) => cell(r, 'actor')),
      ...demo.actors.map((r) => cell(r, 'parent')),
      ...demo.embargoes.flatMap((r) => cell(r, 'actors').split(';')),
    ].filter((name) => name.trim() !== '');
    expect(named.filter((name) => !known.has(foldKey(name)))).toEqual([]);
  });

  it('never dates production after the incident', () => {
    const late = demo.items.filter((item) => {
      const year = itemSpec.schema.parse(item).year;
      return year !== null && year > Number(cell(incidentOf(item), 'date').slice(0, 4));
    });
    expect(late).toEqual([]);
  });

  it('spells calibres and producers in varied ways that normalise to one sample', () => {
    const tula = demo.items.filter((item) => sampleOf(item)?.startsWith('ammo:7.62x39:su-539:'));
    expect(new Set(tula.map((item) => item.calibre)).size).toBeGreaterThan(3);
    expect(new Set(tula.map((item) => item.manufacturer)).size).toBeGreaterThan(1);
    // The common background sample is met at many incidents in every country of the theatre.
    const countries = new Set(tula.map((item) => cell(incidentOf(item), 'country')));
    expect([...countries].sort()).toEqual(expect.arrayContaining(['BF', 'ML', 'NE']));
  });
});

describe('planted patterns', () => {
  it('links the AKMS-2011 rifles across ≥5 attacks in ≥3 countries, first at Sévaré in August 2015', () => {
    const attacks = incidentsWithSample('weapon:AKMS:ro-cugir:2011');
    expect(attacks.length).toBeGreaterThanOrEqual(5);
    expect(new Set(attacks.map((r) => r.country)).size).toBeGreaterThanOrEqual(3);
    expect(attacks[0]).toMatchObject({ place: 'Sévaré', date: '2015-08-07' });
    expect(new Set(attacks.map((r) => r.actor))).toEqual(new Set(['Al-Mourabitoun']));
  });

  it('keeps the 2015 Katibat Macina sample to central Mali and to that group or to nobody', () => {
    const incidents = incidentsWithSample('ammo:7.62x39:sd-mic:2015');
    expect(incidents.length).toBeGreaterThanOrEqual(8);
    expect(incidents.every((r) => r.admin1 === 'Mopti' || r.admin1 === 'Ségou')).toBe(true);
    expect(new Set(incidents.map((r) => r.actor))).toEqual(new Set(['Katibat Macina', '']));
    expect(incidents.filter((r) => r.actor === '').every((r) => r.type === 'assassination')).toBe(true);
  });

  it('traces the Egyptian 2015 sample from Youwarou and Sofara, south of the Niger until 2021 and north after', () => {
    const incidents = incidentsWithSample('ammo:7.62x39:eg-27:2015');
    expect(incidents.slice(0, 2).map((r) => [r.type, r.place])).toEqual([
      ['battlefield_capture', 'Youwarou'],
      ['assassination', 'Sofara'],
    ]);
    const south = ['Mopti', 'Ségou'];
    const before = incidents.filter((r) => cell(r, 'date') < '2021');
    const after = incidents.filter((r) => cell(r, 'date') >= '2021');
    expect(before.length).toBeGreaterThan(2);
    expect(after.length).toBeGreaterThan(2);
    expect(before.every((r) => south.includes(cell(r, 'admin1')))).toBe(true);
    expect(after.every((r) => ['Tombouctou', 'Gao'].includes(cell(r, 'admin1')))).toBe(true);
  });

  it('holds the Egyptian sample but not the AKMS-2011 rifles in the FAMa baseline', () => {
    const baseline = new Set(
      demo.baselines.map((row) => identify(baselineSpec.schema.parse(row), normaliser).identity.sample_key),
    );
    expect(baseline.has('ammo:7.62x39:eg-27:2015')).toBe(true);
    expect(baseline.has('weapon:AKMS:ro-cugir:2011')).toBe(false);
  });

  it('shows no 32 mm grenade before Kidal, August 2021', () => {
    const refs = new Set(
      demo.items.filter((item) => cell(item, 'calibre').startsWith('32')).map((item) => item.incident_ref),
    );
    const first = demo.incidents.find((r) => refs.has(r.ref));
    expect(first).toMatchObject({ place: 'Kidal' });
    expect(cell(first, 'date').slice(0, 7)).toBe('2021-08');
  });

  it('draws 57 mm rockets from Bulgaria 2011 only and 122 mm rockets from Soviet 1970s–80s production', () => {
    const rockets = (calibre: string) =>
      demo.items
        .map((row) => itemSpec.schema.parse(row))
        .filter((item) => {
          const c = normaliser.calibre(item.calibre);
          return c !== null && 'key' in c && c.key === calibre;
        });
    expect(rockets('57mm').length).toBeGreaterThan(0);
    expect(rockets('57mm').every((item) => item.country_of_manufacture === 'BG' && item.year === 2011)).toBe(
      true,
    );
    expect(rockets('122mm').length).toBeGreaterThan(0);
    expect(
      rockets('122mm').every(
        (item) =>
          item.country_of_manufacture === 'SU' && item.year !== null && item.year >= 1970 && item.year < 1990,
      ),
    ).toBe(true);
  });

  it('includes Ivorian materiel produced after the 2004 embargo and before it', () => {
    const years = demo.items
      .filter((item) => cell(incidentOf(item), 'country') === 'CI' && item.year)
      .map((item) => Number(item.year));
    expect(years.some((y) => y > 2004)).toBe(true);
    expect(years.some((y) => y < 2004)).toBe(true);
  });
});
