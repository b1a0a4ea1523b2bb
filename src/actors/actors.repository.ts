import type { Db, Tx } from '../db/store';
import type { ChangeLog } from '../records/changes';
import { formatPartialDate, parsePartialDate, type PartialDate } from '../core/dates';
import { closest, foldKey } from '../core/text';
import { diffByKey, type Diff } from '../records/diff';
import type { ActorRecord } from './actor.record';

function storedDate(text: string | null): PartialDate | null {
  if (text === null) return null;
  const parsed = parsePartialDate(text);
  return 'error' in parsed ? null : parsed;
}

/** Finds actors by name or alias, however they are spelled or accented. */
export class ActorIndex {
  readonly #byName = new Map<string, { id: number | null; name: string }>();

  add(id: number | null, name: string, aliases: readonly string[]): void {
    for (const text of [name, ...aliases]) {
      const key = foldKey(text);
      // The actor's own name wins over another actor's alias.
      if (text === name || !this.#byName.has(key)) this.#byName.set(key, { id, name });
    }
  }

  /** An index that may be added to without changing this one (which may be shared). */
  copy(): ActorIndex {
    const copy = new ActorIndex();
    for (const [key, actor] of this.#byName) copy.#byName.set(key, actor);
    return copy;
  }

  resolve(text: string): { id: number | null; name: string } | undefined {
    return this.#byName.get(foldKey(text));
  }

  suggest(text: string): string | undefined {
    return closest(text, [...new Set([...this.#byName.values()].map((a) => a.name))]);
  }
}

export async function loadActors(
  db: Db | Tx,
): Promise<{ records: Map<string, ActorRecord>; index: ActorIndex }> {
  const rows = await db.selectFrom('actors').selectAll().orderBy('name').execute();
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const records = new Map<string, ActorRecord>();
  const index = new ActorIndex();
  for (const row of rows) {
    records.set(row.name_key, {
      name: row.name,
      aliases: row.aliases,
      parent: row.parent_id === null ? null : (names.get(row.parent_id) ?? null),
      from: storedDate(row.active_from),
      to: storedDate(row.active_to),
    });
    index.add(row.id, row.name, row.aliases);
  }
  return { records, index };
}

/** Creates and updates actors, then links parents (a parent may arrive in the same file). */
export async function writeActors(
  trx: Tx,
  incoming: ActorRecord[],
  audit: ChangeLog,
): Promise<Diff<ActorRecord>> {
  const { records: existing } = await loadActors(trx);
  const diff = diffByKey(incoming, existing, (r) => foldKey(r.name));
  const columns = (r: ActorRecord) => ({
    name: r.name,
    name_key: foldKey(r.name),
    aliases: r.aliases,
    active_from: r.from ? formatPartialDate(r.from) : null,
    active_to: r.to ? formatPartialDate(r.to) : null,
  });
  for (const record of diff.creates) {
    await trx.insertInto('actors').values(columns(record)).execute();
    audit.record('actor', record.name, 'create', null, record);
  }
  for (const { before, after } of diff.updates) {
    await trx
      .updateTable('actors')
      .set({ ...columns(after), updated_at: new Date() })
      .where('name_key', '=', foldKey(after.name))
      .execute();
    audit.record('actor', after.name, 'update', before, after);
  }
  const { index } = await loadActors(trx);
  for (const record of [...diff.creates, ...diff.updates.map((u) => u.after)]) {
    const parentId = record.parent === null ? null : (index.resolve(record.parent)?.id ?? null);
    await trx
      .updateTable('actors')
      .set({ parent_id: parentId })
      .where('name_key', '=', foldKey(record.name))
      .execute();
  }
  return diff;
}
