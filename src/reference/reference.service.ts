import { may, requireThat, type Viewer } from '../access/policy';
import { audited } from '../audit/audit';
import { Conflict, Invalid } from '../core/errors';
import type { AuditTrail } from '../audit/audit';
import type { Db, Tx } from '../db/store';
import { rekeyRegister, type RekeyReport } from '../register/rekey';
import { Normaliser } from './normalise';
import {
  loadReference,
  manufacturerRow,
  referenceFingerprint,
  storedFingerprint,
  storeFingerprint,
} from './reference.repository';
import { manufacturerInputSchema, type ManufacturerInput } from './reference.schema';

/** The actor named in the audit log when Headstamp itself keys the register again. */
const SYSTEM_ACTOR = 'headstamp';

/**
 * Keys the stored samples with the reference as it now stands and remembers that reference, in
 * the caller's transaction, so a mapping and the samples it moves commit together.
 */
export async function rekeyWithCurrentReference(trx: Tx, audit: AuditTrail): Promise<RekeyReport> {
  const reference = await loadReference(trx);
  const report = await rekeyRegister(trx, new Normaliser(reference), audit);
  await storeFingerprint(trx, referenceFingerprint(reference));
  return report;
}

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
    await trx.insertInto('manufacturers').values(manufacturerRow(entry)).execute();
    audit.record('manufacturers', entry.key, 'create', null, entry);
    // Values stored as unknown may now be read as this producer: their samples follow at once.
    await rekeyWithCurrentReference(trx, audit);
    return entry;
  });
}

/**
 * At start: when the reference lists differ from those the stored samples were keyed with (a new
 * version of Headstamp, an entry added), key them again. The findings follow at the next refresh,
 * which the leads triggers have already asked for.
 */
export async function rekeyIfReferenceChanged(db: Db): Promise<RekeyReport | undefined> {
  const reference = await loadReference(db);
  if ((await storedFingerprint(db)) === referenceFingerprint(reference)) return undefined;
  return audited(db, SYSTEM_ACTOR, (trx, audit) => rekeyWithCurrentReference(trx, audit));
}
