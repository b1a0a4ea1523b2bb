import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { calibres } from './data/calibres';
import { manufacturers } from './data/manufacturers';
import { models } from './data/models';
import type { CalibreKind, Confidence, MakerProduct, ModelCategory } from './data/types';
import { Normaliser, type ReferenceData } from './normalise';

/** Writes the reference lists shipped with Headstamp; rows users added under other keys stay. */
export async function syncBuiltinReference(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('calibres')
    .values(calibres.map((c) => ({ key: c.key, label: c.label, kind: c.kind, aliases: c.aliases })))
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        label: eb.ref('excluded.label'),
        kind: eb.ref('excluded.kind'),
        aliases: eb.ref('excluded.aliases'),
      })),
    )
    .execute();
  await db
    .insertInto('manufacturers')
    .values(
      manufacturers.map((m) => ({
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
      })),
    )
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
  await db
    .insertInto('models')
    .values(models.map((m) => ({ ...m })))
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

export async function loadReference(db: Kysely<Database>): Promise<ReferenceData> {
  const [calibreRows, makerRows, modelRows] = await Promise.all([
    db.selectFrom('calibres').selectAll().orderBy('key').execute(),
    db.selectFrom('manufacturers').selectAll().orderBy('key').execute(),
    db.selectFrom('models').selectAll().orderBy('key').execute(),
  ]);
  return {
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
