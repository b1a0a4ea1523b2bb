import { type ActorIndex, loadActors } from '../actors/actors.repository';
import { fromLists } from '../db/list-cache';
import type { Db } from '../db/store';
import type { Normaliser } from '../reference/normalise';
import { loadNormaliser } from '../reference/reference.repository';

/** What every write of the register is checked against. */
export interface CheckedLists {
  normaliser: Normaliser;
  actors: ActorIndex;
}

/** The actors and reference lists a write is checked against (`ActorIndex.copy` before changing it). */
export function checkedLists(db: Db): Promise<CheckedLists> {
  return fromLists(db, 'checked', async () => ({
    normaliser: await loadNormaliser(db),
    actors: (await loadActors(db)).index,
  }));
}
