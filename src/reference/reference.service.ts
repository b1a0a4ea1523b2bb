import { may, requireThat, type Viewer } from '../access/policy';
import { audited } from '../audit/audit';
import { Conflict, Invalid } from '../core/errors';
import type { Db } from '../db/store';
import { manufacturerInputSchema, type ManufacturerInput } from './reference.schema';

/**
 * Adds a producer to the manufacturer list, audited. Only administrators add: every record's
 * maker is read against this list. The entry needs its source like the built-in ones; its key
 * must be new (built-in keys are kept by the code and restored at start-up).
 */
export async function addManufacturer(db: Db, viewer: Viewer, input: unknown): Promise<ManufacturerInput> {
  requireThat(may.editReference(viewer), 'add to the reference lists');
  // Checked here whatever the caller: the CLI or a script may hand anything.
  const entry = manufacturerInputSchema.parse(input);
  return audited(db, viewer.username, async (trx, audit) => {
    const taken = await trx
      .selectFrom('manufacturers')
      .select('key')
      .where('key', '=', entry.key)
      .executeTakeFirst();
    if (taken) throw new Conflict(`the manufacturer key ${entry.key} is already in use`);
    if (entry.calibres.length) {
      const known = await trx
        .selectFrom('calibres')
        .select('key')
        .where('key', 'in', entry.calibres)
        .execute();
      const missing = entry.calibres.filter((c) => !known.some((k) => k.key === c));
      if (missing.length) throw new Invalid(`calibres not in the calibre list: ${missing.join(', ')}`);
    }
    await trx
      .insertInto('manufacturers')
      .values({
        key: entry.key,
        name: entry.name,
        country: entry.country,
        headstamp_codes: entry.headstampCodes,
        aliases: entry.aliases,
        source: entry.source,
        confidence: entry.confidence,
        makes: entry.makes,
        location: entry.location ?? null,
        first_year: entry.years?.[0] ?? null,
        last_year: entry.years?.[1] ?? null,
        calibres: entry.calibres,
      })
      .execute();
    audit.record('manufacturers', entry.key, 'create', null, entry);
    return entry;
  });
}
