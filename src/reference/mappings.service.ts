import { may, requireThat, type Viewer } from '../access/policy';
import { audited } from '../audit/audit';
import { Invalid, NotFound } from '../core/errors';
import type { Db, Tx } from '../db/store';
import { refreshLeads } from '../leads/engine';
import type { LeadSettings } from '../leads/settings';
import { rekeyRegister, type RekeyReport } from '../register/rekey';
import type { AuditTrail } from '../audit/audit';
import type { ReferenceMapping } from './data/types';
import type { ReferenceField } from './vocabulary';
import { mappingKey, Normaliser } from './normalise';
import {
  loadReference,
  referenceEntryExists,
  referenceFingerprint,
  removeMapping,
  saveMapping,
  storedFingerprint,
  storeFingerprint,
} from './reference.repository';

/** A refused field, named so the form shows the message beside it. */
function refuse(column: 'written' | 'target', message: string): never {
  throw new Invalid(message, [{ column, message }]);
}

/** The actor named in the audit log when Headstamp itself keys the register again. */
const SYSTEM_ACTOR = 'headstamp';

/**
 * Keys the stored samples with the reference as it now stands and remembers that reference, in
 * the caller's transaction, so a mapping and the samples it moves commit together.
 */
async function rekeyWithCurrentReference(trx: Tx, audit: AuditTrail): Promise<RekeyReport> {
  const reference = await loadReference(trx);
  const report = await rekeyRegister(trx, new Normaliser(reference), audit);
  await storeFingerprint(trx, referenceFingerprint(reference));
  return report;
}

/**
 * An analyst says once what a value written by field teams means ("Tulsky" is su-539). Later
 * imports read it so, and the samples already stored are keyed again, with their findings, in the
 * same transaction as the mapping and its audit entry.
 */
export async function mapReferenceValue(
  db: Db,
  viewer: Viewer,
  mapping: ReferenceMapping,
  settings: LeadSettings,
): Promise<RekeyReport> {
  requireThat(may.writeRegister(viewer), 'map values to the reference lists');
  if (mappingKey(mapping.written) === '') refuse('written', 'the value to map has no letters or digits');
  if (!(await referenceEntryExists(db, mapping.field, mapping.target)))
    refuse('target', `there is no ${mapping.field} "${mapping.target}" in the reference lists`);
  return audited(db, viewer.username, async (trx, audit) => {
    const before = await saveMapping(trx, mapping, viewer.username);
    audit.record(
      'reference_mapping',
      `${mapping.field}:${mappingKey(mapping.written)}`,
      before ? 'update' : 'create',
      before ?? null,
      mapping,
    );
    const report = await rekeyWithCurrentReference(trx, audit);
    await refreshLeads(trx, { settings });
    return report;
  });
}

export async function unmapReferenceValue(
  db: Db,
  viewer: Viewer,
  field: ReferenceField,
  written: string,
  settings: LeadSettings,
): Promise<RekeyReport> {
  requireThat(may.writeRegister(viewer), 'map values to the reference lists');
  return audited(db, viewer.username, async (trx, audit) => {
    const before = await removeMapping(trx, field, written);
    if (!before) throw new NotFound(`mapping of the ${field} "${written}"`);
    audit.record('reference_mapping', `${field}:${mappingKey(written)}`, 'delete', before, null);
    const report = await rekeyWithCurrentReference(trx, audit);
    await refreshLeads(trx, { settings });
    return report;
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
