import { createHash } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { canonicalJson } from '../core/json';
import type { Database, ManufacturerTable } from '../db/schema';
import { calibres } from './data/calibres';
import { manufacturers } from './data/manufacturers';
import { models } from './data/models';
import type {
  CalibreKind,
  Confidence,
  MakerProduct,
  ManufacturerRef,
  ModelCategory,
  ReferenceMapping,
} from './data/types';
import type { ReferenceField } from './vocabulary';
import { mappingKey, Normaliser, READING_RULES_VERSION, type ReferenceData } from './normalise';

/** A producer as the `manufacturers` table holds it. */
export function manufacturerRow(m: ManufacturerRef): Insertable<ManufacturerTable> {
  return {
    key: m.key,
    name: m.name,
    country: m.country,
    headstamp_codes: m.headstampCodes,
    aliases: m.aliases,
    source: m.source,
    confidence: m.confidence,
    makes: m.makes,
    location: m.location ?? null,
    first_year: m.years?.[0] ?? null,
    last_year: m.years?.[1] ?? null,
    calibres: m.calibres ?? [],
  };
}

/**
 * Writes the reference lists shipped with Headstamp; rows users added under other keys stay. Only
 * rows missing or changed are written: every process opens the store through here, and rewriting
 * unchanged rows raised the lists' version (so every cache of them was dropped) and left a dead
 * copy of each row in a store that is never vacuumed (PGlite).
 */
export async function syncBuiltinReference(db: Kysely<Database>): Promise<void> {
  const calibreRows = await differing(
    db,
    'calibres',
    calibres.map((c) => ({ key: c.key, label: c.label, kind: c.kind, aliases: c.aliases })),
  );
  const manufacturerRows = await differing(db, 'manufacturers', manufacturers.map(manufacturerRow));
  const modelRows = await differing(
    db,
    'models',
    models.map((m) => ({ ...m })),
  );
  if (calibreRows.length > 0)
    await db
      .insertInto('calibres')
      .values(calibreRows)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          label: eb.ref('excluded.label'),
          kind: eb.ref('excluded.kind'),
          aliases: eb.ref('excluded.aliases'),
        })),
      )
      .execute();
  if (manufacturerRows.length > 0)
    await db
      .insertInto('manufacturers')
      .values(manufacturerRows)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          country: eb.ref('excluded.country'),
          headstamp_codes: eb.ref('excluded.headstamp_codes'),
          aliases: eb.ref('excluded.aliases'),
          source: eb.ref('excluded.source'),
          confidence: eb.ref('excluded.confidence'),
          makes: eb.ref('excluded.makes'),
          location: eb.ref('excluded.location'),
          first_year: eb.ref('excluded.first_year'),
          last_year: eb.ref('excluded.last_year'),
          calibres: eb.ref('excluded.calibres'),
        })),
      )
      .execute();
  if (modelRows.length > 0)
    await db
      .insertInto('models')
      .values(modelRows)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          label: eb.ref('excluded.label'),
          category: eb.ref('excluded.category'),
          type: eb.ref('excluded.type'),
          calibre: eb.ref('excluded.calibre'),
          aliases: eb.ref('excluded.aliases'),
        })),
      )
      .execute();
}

/** The rows of `wanted` that `table` lacks, or holds with another value in one of their columns. */
async function differing<R extends { key: string }>(
  db: Kysely<Database>,
  table: 'calibres' | 'manufacturers' | 'models',
  wanted: R[],
): Promise<R[]> {
  const stored = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
  const held = new Map(stored.map((row) => [row.key, row]));
  const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
  return wanted.filter((row) => {
    const old = held.get(row.key);
    return !old || Object.entries(row).some(([column, value]) => !same(value, old[column]));
  });
}

export async function loadReference(db: Kysely<Database>): Promise<ReferenceData> {
  const [calibreRows, makerRows, modelRows, mappings] = await Promise.all([
    db.selectFrom('calibres').selectAll().orderBy('key').execute(),
    db.selectFrom('manufacturers').selectAll().orderBy('key').execute(),
    db.selectFrom('models').selectAll().orderBy('key').execute(),
    loadMappings(db),
  ]);
  return {
    mappings,
    calibres: calibreRows.map((c) => ({ ...c, kind: c.kind as CalibreKind })),
    manufacturers: makerRows.map((m) => ({
      key: m.key,
      name: m.name,
      country: m.country,
      headstampCodes: m.headstamp_codes,
      aliases: m.aliases,
      source: m.source,
      confidence: m.confidence as Confidence,
      makes: m.makes as MakerProduct[],
      ...(m.location ? { location: m.location } : {}),
      ...(m.first_year !== null ? { years: [m.first_year, m.last_year] as [number, number | null] } : {}),
      ...(m.calibres.length ? { calibres: m.calibres } : {}),
    })),
    models: modelRows.map((m) => ({ ...m, category: m.category as ModelCategory })),
  };
}

export async function loadNormaliser(db: Kysely<Database>): Promise<Normaliser> {
  return new Normaliser(await loadReference(db));
}

export async function loadMappings(db: Kysely<Database>): Promise<ReferenceMapping[]> {
  return db
    .selectFrom('reference_mappings')
    .select(['field', 'written', 'target'])
    .orderBy('field')
    .orderBy('written_key')
    .execute();
}

/** Whether a reference entry of that list exists under this key. */
export async function referenceEntryExists(
  db: Kysely<Database>,
  field: ReferenceField,
  key: string,
): Promise<boolean> {
  const table = ({ manufacturer: 'manufacturers', model: 'models', calibre: 'calibres' } as const)[field];
  return (await db.selectFrom(table).select('key').where('key', '=', key).executeTakeFirst()) !== undefined;
}

/** Sets a mapping; returns the one it replaced, if any. */
export async function saveMapping(
  db: Kysely<Database>,
  mapping: ReferenceMapping,
  createdBy: string,
): Promise<ReferenceMapping | undefined> {
  const written_key = mappingKey(mapping.written);
  const before = await findMapping(db, mapping.field, written_key);
  await db
    .insertInto('reference_mappings')
    .values({ ...mapping, written_key, created_by: createdBy })
    .onConflict((oc) =>
      oc.columns(['field', 'written_key']).doUpdateSet({
        written: mapping.written,
        target: mapping.target,
        created_by: createdBy,
        created_at: new Date(),
      }),
    )
    .execute();
  return before;
}

export async function removeMapping(
  db: Kysely<Database>,
  field: ReferenceField,
  written: string,
): Promise<ReferenceMapping | undefined> {
  const written_key = mappingKey(written);
  const before = await findMapping(db, field, written_key);
  await db
    .deleteFrom('reference_mappings')
    .where('field', '=', field)
    .where('written_key', '=', written_key)
    .execute();
  return before;
}

function findMapping(db: Kysely<Database>, field: ReferenceField, written_key: string) {
  return db
    .selectFrom('reference_mappings')
    .select(['field', 'written', 'target'])
    .where('field', '=', field)
    .where('written_key', '=', written_key)
    .executeTakeFirst();
}

/** A digest of everything the normaliser reads: when it changes, stored samples may key differently. */
export function referenceFingerprint(reference: ReferenceData): string {
  return createHash('sha256')
    .update(canonicalJson({ rules: READING_RULES_VERSION, reference }))
    .digest('hex');
}

export async function storedFingerprint(db: Kysely<Database>): Promise<string | undefined> {
  return (await db.selectFrom('reference_state').select('fingerprint').executeTakeFirst())?.fingerprint;
}

export async function storeFingerprint(db: Kysely<Database>, fingerprint: string): Promise<void> {
  await db
    .insertInto('reference_state')
    .values({ fingerprint })
    .onConflict((oc) => oc.column('id').doUpdateSet({ fingerprint }))
    .execute();
}
