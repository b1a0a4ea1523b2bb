import { useAuditKey, type AuditKey } from '../audit/audit-key';
import { connectStore, type Store, type StoreOptions } from '../db/store';
import { rekeyIfReferenceChanged } from '../reference/reference.service';
import { syncBuiltinReference } from '../reference/reference.repository';

/**
 * Opens the register: the store, migrated, with the reference lists shipped with Headstamp, and
 * its samples keyed by those lists.
 */
export async function openStore(options: StoreOptions & { auditKey?: AuditKey }): Promise<Store> {
  const store = await connectStore(options, syncBuiltinReference);
  // Before any write: every entry this process appends is keyed from the first one.
  if (options.auditKey) useAuditKey(store.db, options.auditKey);
  await rekeyIfReferenceChanged(store.db);
  return store;
}
