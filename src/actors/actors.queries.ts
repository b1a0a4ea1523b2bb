import type { Db } from '../db/store';

/** Every actor with its parent's name, as the API serves them to every signed-in role. */
export async function listActors(db: Db) {
  return db
    .selectFrom('actors')
    .leftJoin('actors as parents', 'parents.id', 'actors.parent_id')
    .select([
      'actors.name',
      'actors.aliases',
      'parents.name as parent',
      'actors.active_from as from',
      'actors.active_to as to',
    ])
    .orderBy('actors.name')
    .execute();
}
