import { may, requireThat, type Viewer } from '../access/policy';
import { audited } from '../audit/audit';
import { Invalid, NotFound } from '../core/errors';
import type { Db } from '../db/store';
import type { RekeyReport } from '../register/rekey';
import type { ReferenceMapping } from './data/types';
import type { ReferenceField } from './vocabulary';
import { mappingKey } from './normalise';
import { referenceEntryExists, removeMapping, saveMapping } from './reference.repository';
import { rekeyWithCurrentReference } from './reference.service';

/** A refused field, named so the form shows the message beside it. */
function refuse(column: 'written' | 'target', message: string): never {
  throw new Invalid(message, [{ column, message }]);
}

/**
 * An analyst says once what a value written by field teams means ("Tulskiy" is su-539). Later
 * imports read it so, and the samples already stored are keyed again, with their findings, in the
 * same transaction as the mapping and its audit entry.
 */
export async function mapReferenceValue(
  db: Db,
  viewer: Viewer,
  mapping: ReferenceMapping,
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
    return report;
  });
}

export async function unmapReferenceValue(
  db: Db,
  viewer: Viewer,
  field: ReferenceField,
  written: string,
): Promise<RekeyReport> {
  requireThat(may.writeRegister(viewer), 'map values to the reference lists');
  return audited(db, viewer.username, async (trx, audit) => {
    const before = await removeMapping(trx, field, written);
    if (!before) throw new NotFound(`mapping of the ${field} "${written}"`);
    audit.record('reference_mapping', `${field}:${mappingKey(written)}`, 'delete', before, null);
    const report = await rekeyWithCurrentReference(trx, audit);
    return report;
  });
}
