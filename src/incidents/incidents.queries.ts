import { sql, type Expression, type SqlBool } from 'kysely';
import { z } from 'zod';
import { incidentsOnRecord, may, visibilityKey, visibleIncidents, type Viewer } from '../access/policy';
import { countOnce } from '../db/counts';
import type { Db, Tx } from '../db/store';
import type { IncidentReviewTable } from '../db/schema';
import { listItems } from '../items/items.queries';
import { listLeads } from '../leads/leads.queries';
import { leadListReferences } from '../leads/leads.schema';
import { incidentMatches, readSearch } from '../search/search.queries';
import { searchText } from '../search/terms';
import { decodeCursor, encodeCursor } from '../core/cursor';
import { Conflict, NotFound } from '../core/errors';
import { likeLiteral } from '../core/text';
import type { Language } from '../core/vocabulary';
import { day } from '../records/cells';
import type { RawRow } from '../records/entity';
import { incidentSpec } from './incident.record';
import { deletedProblem, incidentRecordColumns, toRecord } from './incidents.repository';
import { incidentTypes } from './vocabulary';

/** An incident as the API shows it: the canonical columns of incidents.csv, and its state. */
export interface IncidentView {
  record: RawRow;
  status: 'draft' | 'validated';
  items: number;
}
/** The list's orders: by date, newest first (the default) or oldest first, or by reference. */
export const incidentSorts = ['-date', 'date', 'ref'] as const;
export type IncidentSort = (typeof incidentSorts)[number];

const text = z.string().trim().min(1).max(200);
export const incidentFilterSchema = z
  .object({
    from: day().optional(),
    to: day().optional(),
    type: incidentTypes.schema.optional(),
    country: z.string().trim().length(2).toUpperCase().optional(),
    admin1: text.optional(),
    actor: text.optional(),
    /**
     * What to find, as a person types it: words of the reference, place, region, target and
     * summary, or the materiel recovered (calibre, producer or headstamp code, model, serial,
     * lot, year of production, country of manufacture), accents and case forgiven.
     */
    q: searchText.optional(),
    hasItems: z.enum(['true', 'false']).optional(),
    status: z.enum(['draft', 'validated']).optional(),
    sort: z.enum(incidentSorts).default('-date'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
    /**
     * The page after the row this names (`nextCursor` of the page before), read from where that
     * one ended rather than counted from the first row as `page` is; `page` is then ignored.
     */
    cursor: z.string().max(1000).optional(),
  })
  .strict();
export type IncidentFilter = z.output<typeof incidentFilterSchema>;

function selectVisible(db: Db | Tx, viewer: Viewer) {
  return visibleIncidents(db, viewer)
    .leftJoin('actors', 'actors.id', 'incidents.actor_id')
    .select(incidentRecordColumns)
    .select('actors.name as actor_name');
}

function toView(
  row: Parameters<typeof toRecord>[0] & { status: 'draft' | 'validated' },
  items: number,
  viewer: Viewer,
): IncidentView {
  const record = incidentSpec.format(toRecord(row));
  if (!may.seeSources(viewer)) record.source = '';
  return { record, status: row.status, items };
}

/** What narrows a selection: every filter but sort and paging. */
export type IncidentSelection = Omit<IncidentFilter, 'sort' | 'page' | 'pageSize' | 'cursor'>;

/** The incidents of a selection the viewer may see, with their actor's name (`actor_name`). */
export async function selectFiltered(db: Db | Tx, viewer: Viewer, filter: IncidentSelection) {
  let query = selectVisible(db, viewer);
  if (filter.from) query = query.where('incidents.date', '>=', filter.from);
  if (filter.to) query = query.where('incidents.date', '<=', filter.to);
  if (filter.type) query = query.where('incidents.type', '=', filter.type);
  if (filter.country) query = query.where('incidents.country', '=', filter.country);
  // Equal but for case, as its index is kept (migration 0021).
  if (filter.admin1) query = query.where(sql<boolean>`lower(incidents.admin1) = lower(${filter.admin1})`);
  if (filter.actor) query = query.where('actors.name', 'ilike', likeLiteral(filter.actor));
  if (filter.status) query = query.where('incidents.status', '=', filter.status);
  if (filter.hasItems) {
    const withItems = sql<boolean>`exists (select 1 from live_items where live_items.incident_id = incidents.id)`;
    query = query.where(filter.hasItems === 'true' ? withItems : sql<boolean>`not ${withItems}`);
  }
  if (filter.q) {
    // Every term must be found: in the incident's words or country, or in its materiel (calibre,
    // producer in any spelling or by headstamp code, model, serial, lot, year, country of make).
    query = query.where(incidentMatches(db, viewer, await readSearch(db, filter.q)));
  }
  return query;
}

export async function listIncidents(db: Db, viewer: Viewer, filter: IncidentFilter) {
  const { sort, page, pageSize, cursor, ...selection } = filter;
  const after = cursor === undefined ? undefined : decodeCursor(cursor, cursorShape(sort));
  const query = await selectFiltered(db, viewer, selection);
  // Counted once per selection while the register does not change, not for every page.
  const total = await countOnce(
    db,
    `incidents|${visibilityKey(viewer)}|${JSON.stringify(selection)}`,
    async () => {
      const row = await query
        .clearSelect()
        .select(sql<number>`count(*)::integer`.as('total'))
        .executeTakeFirstOrThrow();
      return row.total;
    },
  );
  const ordered = inOrder(after ? query.where(incidentsAfter(sort, after)) : query, sort);
  // One row more than the page: whether there is a next page, without counting.
  const rows = await (after ? ordered : ordered.offset((page - 1) * pageSize)).limit(pageSize + 1).execute();
  const shown = rows.slice(0, pageSize);
  const last = shown.at(-1);
  const counts = await itemCounts(
    db,
    shown.map((r) => r.id),
  );
  return {
    total,
    page,
    pageSize,
    nextCursor: rows.length > pageSize && last ? encodeCursor(cursorOf(sort, last)) : null,
    incidents: shown.map((r) => toView(r, counts.get(r.id) ?? 0, viewer)),
  };
}

/** What a cursor holds: the order's name, then the last row's date (but by reference) and reference. */
const cursorShape = (sort: IncidentSort) =>
  sort === 'ref'
    ? z.tuple([z.literal(sort), z.string().min(1)]).transform(([, ref]) => ({ ref, date: undefined }))
    : z
        .tuple([z.literal(sort), z.iso.date(), z.string().min(1)])
        .transform(([, date, ref]) => ({ date, ref }));
type After = { date?: string; ref: string };

const cursorOf = (sort: IncidentSort, row: { date: string; ref: string }) =>
  sort === 'ref' ? [sort, row.ref] : [sort, row.date, row.ref];

/** A selection in the list's order (ties by reference), as its indexes keep it (migration 0021). */
export function inOrder<Q extends { orderBy: OrderBy<Q> }>(query: Q, sort: IncidentSort): Q {
  if (sort === 'ref') return query.orderBy('incidents.ref');
  return query.orderBy('incidents.date', sort === 'date' ? 'asc' : 'desc').orderBy('incidents.ref');
}
type OrderBy<Q> = (column: 'incidents.ref' | 'incidents.date', direction?: 'asc' | 'desc') => Q;

/**
 * The incidents after `after` in the list's order. Newest first, the dates descend while the
 * references ascend: the bound on the date alone is what the index starts from, the rest
 * settles the ties of that one day.
 */
export function incidentsAfter(sort: IncidentSort, after: After): Expression<SqlBool> {
  if (sort === 'ref' || after.date === undefined) return sql<SqlBool>`incidents.ref > ${after.ref}`;
  if (sort === 'date')
    return sql<SqlBool>`(incidents.date, incidents.ref) > (${after.date}::date, ${after.ref})`;
  return sql<SqlBool>`incidents.date <= ${after.date}::date
    AND (incidents.date < ${after.date}::date OR incidents.ref > ${after.ref})`;
}

/** Where the incidents of a selection happened, for a map: [longitude, latitude, ref, type]. */
export type IncidentPoint = [number, number, string, string];

/** Every incident of the selection that has coordinates, compactly (a map shows them all). */
export async function incidentPoints(db: Db, viewer: Viewer, filter: IncidentSelection) {
  const rows = await (
    await selectFiltered(db, viewer, filter)
  )
    .clearSelect()
    .select(['incidents.ref', 'incidents.type', 'incidents.lat', 'incidents.lon'])
    .where('incidents.lat', 'is not', null)
    .where('incidents.lon', 'is not', null)
    .orderBy('incidents.date', 'desc')
    .orderBy('incidents.ref')
    .execute();
  const points: IncidentPoint[] = [];
  for (const r of rows) {
    if (r.lat !== null && r.lon !== null) points.push([Number(r.lon), Number(r.lat), r.ref, r.type]);
  }
  return { total: points.length, points };
}

/** The countries and regions (admin1) of the incidents the viewer may see, with their counts. */
export async function incidentRegions(db: Db, viewer: Viewer) {
  const rows = await visibleIncidents(db, viewer)
    .select(['country', 'admin1', sql<number>`count(*)::integer`.as('incidents')])
    .groupBy(['country', 'admin1'])
    .orderBy('country')
    .orderBy('admin1')
    .execute();
  return rows.map((r) => ({ country: r.country, admin1: r.admin1, incidents: r.incidents }));
}

/** The live items of live incidents (those of a page): their incidents need no second look. */
async function itemCounts(db: Db, incidentIds: number[]): Promise<Map<number, number>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('items')
    .select(['incident_id', sql<number>`count(*)::integer`.as('n')])
    .where('incident_id', 'in', incidentIds)
    .where('deleted_at', 'is', null)
    .groupBy('incident_id')
    .execute();
  return new Map(rows.map((r) => [r.incident_id, r.n]));
}

/**
 * The incident page: the incident, its items, its reviews, what the viewer may do with it and,
 * for those who may read leads, the leads citing it.
 */
export async function readIncidentPage(db: Db, viewer: Viewer, ref: string, language: Language = 'en') {
  const row = await selectVisible(db, viewer)
    // What reviewers decided, oldest first, with the incident: a round trip less for every page.
    .select(
      sql<Review[]>`coalesce((SELECT json_agg(json_build_object('decision', r.decision,
        'comment', r.comment, 'reviewer', r.reviewer, 'at', r.reviewed_at) ORDER BY r.id)
        FROM incident_reviews AS r WHERE r.incident_id = incidents.id
          AND ${may.readHistory(viewer)}), '[]')`.as('reviews'),
    )
    .where('incidents.ref', '=', ref)
    .executeTakeFirst();
  if (!row) throw new NotFound(`incident "${ref}"`);
  const items = await listItems(db, viewer, { incidentId: row.id });
  const leads = may.readLeads(viewer)
    ? await listLeads(db, viewer, { incidentId: row.id, sort: 'date' }, language, {
        references: leadListReferences,
      })
    : [];
  return {
    incident: toView(row, items.length, viewer),
    items,
    leads,
    reviews: row.reviews.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
    can: {
      change: may.changeIncident(viewer, row),
      review: may.validateDrafts(viewer) && row.status === 'draft',
    },
  };
}

/** A reviewer's decision on an incident, as JSON gives it. */
type Review = Pick<IncidentReviewTable, 'decision' | 'comment' | 'reviewer'> & { at: string };

/**
 * An incident the viewer may see, by reference, with what decides who may change it. One
 * deleted is refused as such to those who could see it, so they know why: every write to an
 * incident or its items starts here.
 */
export async function findVisible(db: Db, viewer: Viewer, ref: string) {
  const found = await visibleIncidents(db, viewer)
    .select(['incidents.id', 'incidents.ref', 'incidents.created_by', 'incidents.status'])
    .where('incidents.ref', '=', ref)
    .executeTakeFirst();
  if (found) return found;
  const deleted = await findDeleted(db, viewer, ref);
  if (deleted) throw deletedRecord('incident', ref, deleted.deleted_reason);
  throw new NotFound(`incident "${ref}"`);
}

/** A deleted incident the viewer would see were it not deleted. */
export async function findDeleted(db: Db, viewer: Viewer, ref: string) {
  return incidentsOnRecord(db, viewer)
    .select(['incidents.id', 'incidents.ref', 'incidents.deleted_reason'])
    .where('incidents.ref', '=', ref)
    .where('incidents.deleted_at', 'is not', null)
    .executeTakeFirst();
}

/** The refusal to change a deleted record, which says why it went and how it comes back. */
export function deletedRecord(kind: 'incident' | 'item', ref: string, reason: string | null) {
  const { message, ...problem } = deletedProblem(kind, ref, reason);
  return new Conflict(message, undefined, problem);
}

/** The refusal to restore a record that is not deleted. */
export const notDeleted = (kind: 'incident' | 'item', ref: string) =>
  new Conflict(`${kind} "${ref}" is not deleted`, undefined, {
    code: 'record_not_deleted',
    params: { kind, ref },
  });

/** The refusal to review an incident that is not (or no longer) a draft. */
export const notADraft = (ref: string) =>
  new Conflict(`incident "${ref}" is not a draft`, undefined, { code: 'not_a_draft', params: { ref } });
