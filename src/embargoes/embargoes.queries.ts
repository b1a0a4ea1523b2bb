import type { Db } from '../db/store';
import type { EmbargoRecord } from './embargo.record';
import { loadEmbargoRecords } from './embargoes.repository';

/** Every embargo, earliest first, as the API serves them to every signed-in role. */
export async function listEmbargoes(db: Db): Promise<EmbargoRecord[]> {
  // The listed actors of an actor-based embargo are what it is about.
  const embargoes = [...(await loadEmbargoRecords(db)).values()];
  return embargoes.sort((a, b) => a.start.localeCompare(b.start));
}
