import { connectStore, type Store, type StoreOptions } from '../db/store';
import { syncBuiltinReference } from '../reference/reference.repository';

/** Opens the register: the store, migrated, with the reference lists shipped with Headstamp. */
export async function openStore(options: StoreOptions): Promise<Store> {
  return connectStore(options, syncBuiltinReference);
}
