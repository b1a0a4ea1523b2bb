import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { may, requireThat, visibilityKey, visibleIncidents, type Viewer } from '../access/policy';
import { countOnce } from '../db/counts';
import type { Db, Tx } from '../db/store';
import { inChunks } from '../core/chunks';
import { decodeCursor, encodeCursor } from '../core/cursor';
import { foldKey } from '../core/text';
import type { Language } from '../core/vocabulary';
import { explainFinding, findingTitle } from './explain';
import type { LeadSort, LeadStatus } from './vocabulary';
import { loadExplainNames } from './explain-names.repository';
import { storedDecision, toView } from './lead-decisions.repository';
import {
  leadListReferences,
  leadQuerySchema,
  type LeadAssignee,
  type LeadKey,
  type LeadQuery,
  type LeadView,
} from './leads.schema';

/**
 * The leads the viewer may see, filtered and paged: strongest first (ties: newest first), or
 * with `sort: 'date'` newest first (ties: strongest first). Each is explained in `language`
 * from its evidence (explain.ts) rather than by the engine's stored English sentence. With
 * `references`, each carries at most that many references of each kind (lists: a diversion
 * match on a common sample cites tens of thousands of items), and how many it cites in all.
 */
export async function listLeads(
  db: Db | Tx,
  viewer: Viewer,
  query: LeadQuery = {},
  language: Language = 'en',
  options: { references?: number } = {},
): Promise<LeadView[]> {
  const filter = await resolved(db, leadQuerySchema.parse(query));
  return (await views(db, viewer, filter, language, options.references)).leads;
}

/**
 * A page of leads (`GET /leads`), each with its references capped for a list, how many match in
 * all (counted once while the register does not change), and the cursor of the next page.
 */
export async function leadPage(
  db: Db | Tx,
  viewer: Viewer,
  query: LeadQuery,
  language: Language,
): Promise<{ leads: LeadView[]; total: number; nextCursor: string | null }> {
  const filter = await resolved(db, leadQuerySchema.parse(query));
  // The selection is the filters: the order and the page do not change how many match.
  const selection = Object.entries(query).filter(
    ([name]) => !['limit', 'offset', 'cursor', 'sort'].includes(name),
  );
  const total = await countOnce(db, `leads|${visibilityKey(viewer)}|${JSON.stringify(selection)}`, () =>
    counted(db, viewer, filter),
  );
  return { ...(await views(db, viewer, filter, language, leadListReferences)), total };
}

/** These leads, by kind and subject, as far as the viewer may see them; newest first. */
export async function leadsByKey(
  db: Db | Tx,
  viewer: Viewer,
  keys: LeadKey[],
  language: Language = 'en',
): Promise<LeadView[]> {
  if (keys.length === 0) return [];
  return (await views(db, viewer, { ...leadQuerySchema.parse({ sort: 'date' }), keys }, language)).leads;
}

/** What a cursor of the leads holds: the order's name, then the last lead's score, date, kind and subject. */
const cursorShape = (sort: LeadSort) =>
  z
    .tuple([z.literal(sort), z.number().min(0).max(1), z.iso.date(), z.string(), z.string()])
    .transform(([, score, date, kind, subject]) => ({ score, date, kind, subject }));

/**
 * The leads after `after` in their order (keyset paging): the score and date descend while the
 * kind and subject ascend, so the first bound (what the index starts from) is on the leading
 * column alone and the rest settles the ties. The score is a `real`, compared as one.
 */
function leadsAfter(sort: LeadSort, after: z.output<ReturnType<typeof cursorShape>>) {
  const score = sql`${after.score}::real`;
  const date = sql`${after.date}::date`;
  const rest = sql<boolean>`(leads.kind, leads.subject) > (${after.kind}, ${after.subject})`;
  return sort === 'date'
    ? sql<boolean>`leads.date <= ${date} AND (leads.date < ${date}
        OR leads.score < ${score} OR (leads.score = ${score} AND ${rest}))`
    : sql<boolean>`leads.score <= ${score} AND (leads.score < ${score}
        OR leads.date < ${date} OR (leads.date = ${date} AND ${rest}))`;
}

/** No cap: every reference a finding cites. */
const ALL = 2 ** 31 - 1;

/** A finding as read from its row, before it is told in the reader's language. */
type Untitled = Omit<LeadView, 'title'>;

/**
 * The first references an explanation may name whatever the cap (explain.ts names the first
 * three incidents, or the three after the first, the first item and sample), and the last incident.
 */
const EXPLAINED = 4;

async function views(
  db: Db | Tx,
  viewer: Viewer,
  filter: ResolvedFilter,
  language: Language,
  references = ALL,
): Promise<{ leads: LeadView[]; nextCursor: string | null }> {
  const sort = filter.sort ?? 'score';
  const fetched = Math.max(references, EXPLAINED);
  // The page's keys first, found on the order's index without the columns a finding carries, then
  // its details for those rows only: a page deep in the list (an offset of thousands) otherwise
  // joins and reads every finding before it.
  let page = ordered(matching(db, viewer, filter).select(['leads.kind', 'leads.subject']), sort);
  if (filter.cursor !== undefined)
    page = page.where(leadsAfter(sort, decodeCursor(filter.cursor, cursorShape(sort))));
  else if (filter.offset) page = page.offset(filter.offset);
  // One lead more than the page: whether there is a next page, without counting.
  if (filter.limit !== undefined) page = page.limit(filter.limit + 1);
  const select = ordered(
    joined(db)
      .select([
        'leads.kind',
        'leads.subject',
        // The first references only, and the last incident (an explanation names the first and
        // last), by reference: in this query rather than a look-up after it, a round trip less.
        refsOf('incidents', sql`leads.incident_ids[1:${fetched}]`).as('incident_refs'),
        sql<string | null>`(SELECT last.ref FROM incidents AS last
          WHERE last.id = leads.incident_ids[cardinality(leads.incident_ids)])`.as('last_incident_ref'),
        sql<number>`cardinality(leads.incident_ids)`.as('incident_count'),
        refsOf('items', sql`leads.item_ids[1:${fetched}]`).as('item_refs'),
        sql<number>`cardinality(leads.item_ids)`.as('item_count'),
        sql<string[]>`leads.sample_keys[1:${fetched}]`.as('sample_keys'),
        sql<number>`cardinality(leads.sample_keys)`.as('sample_count'),
        'actors.name as actor',
        'leads.score',
        'leads.date',
        'leads.explanation',
        'leads.evidence',
        'decisions.status',
        'decisions.reason',
        'decisions.assignee_id',
        'assignees.username as assignee',
        'decisions.decided_by',
        'decisions.decided_at',
        'first.first_seen',
        sql<string[]>`ARRAY(SELECT cited.ref FROM live_incidents AS cited
                  WHERE cited.id = ANY(leads.incident_ids) AND cited.status = 'draft'
                  ORDER BY cited.ref)`.as('draft_refs'),
      ])
      .where(sql<boolean>`(leads.kind, leads.subject) IN (${page})`),
    sort,
  );
  const found = await select.execute();
  const rows = filter.limit === undefined ? found : found.slice(0, filter.limit);
  const last = rows.at(-1);
  const nextCursor =
    last && found.length > rows.length
      ? encodeCursor([sort, last.score, last.date, last.kind, last.subject])
      : null;

  const leads: Untitled[] = rows.map((r) => ({
    kind: r.kind as LeadView['kind'],
    subject: r.subject,
    incidents: r.incident_refs,
    incidentCount: r.incident_count,
    items: r.item_refs,
    itemCount: r.item_count,
    samples: r.sample_keys,
    sampleCount: r.sample_count,
    ...(r.actor ? { actor: r.actor } : {}),
    score: r.score,
    date: r.date,
    explanation: r.explanation,
    evidence: r.evidence as Record<string, unknown>,
    // Every finding the engine stores has its row; one stored otherwise is as new as now.
    firstSeen: new Date(r.first_seen ?? Date.now()).toISOString(),
    drafts: r.draft_refs.length,
    draftIncidents: r.draft_refs,
    ...(r.status !== null && r.decided_by !== null && r.decided_at !== null
      ? {
          decision: toView(
            storedDecision({ ...r, status: r.status, decided_by: r.decided_by, decided_at: r.decided_at }),
          ),
        }
      : {}),
  }));
  if (leads.length === 0) return { leads: [], nextCursor };
  const names = await loadExplainNames(db);
  const lastOf = new Map(rows.map((r) => [`${r.kind}\0${r.subject}`, r.last_incident_ref ?? undefined]));
  return {
    leads: leads.map((lead) => {
      const whole = explainable(lead, lastOf.get(`${lead.kind}\0${lead.subject}`));
      return {
        ...lead,
        incidents: lead.incidents.slice(0, references),
        items: lead.items.slice(0, references),
        samples: lead.samples.slice(0, references),
        explanation: explainFinding(whole, language, names),
        title: findingTitle(whole, language, names),
      };
    }),
    nextCursor,
  };
}

/**
 * A finding as explain.ts reads it: every incident it cites, by their number, the first ones
 * and the last by reference. A capped list is given its full length with the middle left
 * empty, for explanations count the incidents and name only the first few and the last.
 */
function explainable<L extends Untitled>(lead: L, last: string | undefined): L {
  if (lead.incidents.length === lead.incidentCount || last === undefined) return lead;
  const incidents = lead.incidents.slice();
  incidents.length = lead.incidentCount;
  incidents[lead.incidentCount - 1] = last;
  return { ...lead, incidents };
}

/** A finding citing some incidents, as a case file weighs whether to carry it. */
export interface CitingFinding extends LeadKey {
  score: number;
  /** Every incident it cites (ids). */
  incidentIds: number[];
  sampleKeys: string[];
  actor: string | undefined;
  status: LeadStatus;
}

/**
 * The findings the viewer may see that cite one of these incidents (ids), strongest first, with
 * every incident they cite and the cell's decision on them.
 */
export async function findingsCiting(
  db: Db | Tx,
  viewer: Viewer,
  incidentIds: number[],
): Promise<CitingFinding[]> {
  if (incidentIds.length === 0) return [];
  const rows = await matching(db, viewer, { ...leadQuerySchema.parse({}), citing: incidentIds })
    .select([
      'leads.kind',
      'leads.subject',
      'leads.score',
      'leads.incident_ids',
      'leads.sample_keys',
      'actors.name as actor',
      'decisions.status',
    ])
    .orderBy('leads.score', 'desc')
    .orderBy('leads.kind')
    .orderBy('leads.subject')
    .execute();
  return rows.map((r) => ({
    kind: r.kind as LeadKey['kind'],
    subject: r.subject,
    score: r.score,
    incidentIds: r.incident_ids,
    sampleKeys: r.sample_keys,
    actor: r.actor ?? undefined,
    status: r.status ?? 'open',
  }));
}

/** How many leads the viewer may see match the filters (paging and order aside). */
export async function countLeads(db: Db | Tx, viewer: Viewer, query: LeadQuery = {}): Promise<number> {
  return counted(db, viewer, await resolved(db, leadQuerySchema.parse(query)));
}

async function counted(db: Db | Tx, viewer: Viewer, filter: ResolvedFilter): Promise<number> {
  const row = await matching(db, viewer, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The leads the viewer may see that match the filters, with their actor and decision joined. */
function matching(db: Db | Tx, viewer: Viewer, filter: ResolvedFilter) {
  requireThat(may.readLeads(viewer), 'read leads');
  let select = joined(db);
  // A lead resting on one incident the viewer may not see is not shown at all.
  if (viewer.role !== 'administrator' && viewer.role !== 'analyst') {
    const visible = visibleIncidents(db, viewer).select('incidents.id');
    select = select.where(
      sql<boolean>`NOT EXISTS (SELECT 1 FROM unnest(leads.incident_ids) AS cited(id) WHERE cited.id NOT IN (${visible}))`,
    );
  }
  if (filter.kind) select = select.where('leads.kind', '=', filter.kind);
  if (filter.keys)
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(
        refTuple('leads.kind', 'leads.subject'),
        'in',
        filter.keys!.map((k) => tuple(k.kind, k.subject)),
      ),
    );
  if (filter.since) select = select.where('leads.date', '>=', filter.since);
  if (filter.sample)
    select = select.where(sql<boolean>`leads.sample_keys @> ARRAY[${filter.sample}]::text[]`);
  // Containment rather than `= ANY` so the GIN index on incident_ids serves it.
  if (filter.incidentId !== undefined)
    select = select.where(sql<boolean>`leads.incident_ids @> ARRAY[${filter.incidentId}::integer]`);
  if (filter.citing)
    select = select.where(sql<boolean>`leads.incident_ids && ${sql.val(filter.citing)}::integer[]`);
  if (filter.country) select = select.where(citing(sql`cited.country = ${filter.country}`));
  if (filter.regionNames)
    select = select.where(citing(sql`cited.admin1 = ANY(${sql.val(filter.regionNames)}::text[])`));
  if (filter.actorIds) {
    const actors = sql.val(filter.actorIds);
    select = select.where(
      sql<boolean>`(leads.actor_id = ANY(${actors}::integer[]) OR ${citing(sql`cited.actor_id = ANY(${actors}::integer[])`)})`,
    );
  }
  if (filter.facet)
    select = select.where(
      sql<boolean>`leads.evidence -> 'facets' @> jsonb_build_array(${filter.facet}::text)`,
    );
  if (filter.newSince)
    select = select.where(sql<boolean>`first.first_seen > ${filter.newSince}::timestamptz`);
  if (filter.validatedOnly === 'true')
    select = select.where(sql<boolean>`NOT ${citing(sql`cited.status = 'draft'`)}`);
  if (filter.status === 'open')
    select = select.where((eb) =>
      eb.or([eb('decisions.status', 'is', null), eb('decisions.status', '=', 'open')]),
    );
  else if (filter.status) select = select.where('decisions.status', '=', filter.status);
  if (filter.assignee) select = select.where('assignees.username', '=', filter.assignee);
  if (filter.minScore !== undefined) select = select.where('leads.score', '>=', filter.minScore);
  return select;
}

/** The leads with their actor, the cell's decision, its assignee and when each was first found. */
function joined(db: Db | Tx) {
  return db
    .selectFrom('leads')
    .leftJoin('actors', 'actors.id', 'leads.actor_id')
    .leftJoin('lead_decisions as decisions', (join) =>
      join.onRef('decisions.kind', '=', 'leads.kind').onRef('decisions.subject', '=', 'leads.subject'),
    )
    .leftJoin('users as assignees', 'assignees.id', 'decisions.assignee_id')
    .leftJoin('lead_first_seen as first', (join) =>
      join.onRef('first.kind', '=', 'leads.kind').onRef('first.subject', '=', 'leads.subject'),
    );
}

/** The order of a list of leads: by score or by date, then by kind and subject. */
function ordered<Q extends Orderable<Q>>(select: Q, sort: LeadSort): Q {
  const [first, second] =
    sort === 'score' ? [sql`leads.score`, sql`leads.date`] : [sql`leads.date`, sql`leads.score`];
  return select
    .orderBy(first, 'desc')
    .orderBy(second, 'desc')
    .orderBy(sql`leads.kind`, 'asc')
    .orderBy(sql`leads.subject`, 'asc');
}

/** A query that can be put in order (Kysely's select builders, whatever their tables). */
interface Orderable<Q> {
  orderBy(expression: RawBuilder<unknown>, direction: 'asc' | 'desc'): Q;
}

/** Whether one of the lead's live incidents (`cited`) meets the condition. */
const citing = (condition: RawBuilder<unknown>) =>
  sql<boolean>`EXISTS (SELECT 1 FROM live_incidents AS cited WHERE cited.id = ANY(leads.incident_ids) AND ${condition})`;

type LeadFilter = z.output<typeof leadQuerySchema>;

/**
 * The filters with the names people type turned into what is stored: a region into the admin1
 * names it folds to (as the rest of the app matches names: accents, case and punctuation
 * forgiven, see `foldKey`), an actor into the ids of the actors it names or aliases. Folding
 * happens here rather than in SQL so that it is the one `foldKey` of the whole app; a name
 * matching nothing matches no lead (an empty list), never every lead.
 */
interface ResolvedFilter extends LeadFilter {
  regionNames?: string[];
  actorIds?: number[];
  /** Only these leads (case files name theirs). */
  keys?: LeadKey[];
  /** Only leads citing one of these incidents (ids). */
  citing?: number[];
}

async function resolved(db: Db | Tx, filter: LeadFilter): Promise<ResolvedFilter> {
  const result: ResolvedFilter = { ...filter };
  if (filter.region) {
    const wanted = foldKey(filter.region);
    const regions = await db
      .selectFrom('live_incidents')
      .select('admin1')
      .distinct()
      .where('admin1', 'is not', null)
      .execute();
    result.regionNames = regions.flatMap((r) => (r.admin1 && foldKey(r.admin1) === wanted ? [r.admin1] : []));
  }
  if (filter.actor) {
    const wanted = foldKey(filter.actor);
    const actors = await db.selectFrom('actors').select(['id', 'name_key', 'aliases']).execute();
    result.actorIds = actors
      .filter((a) => a.name_key === wanted || a.aliases.some((alias) => foldKey(alias) === wanted))
      .map((a) => a.id);
  }
  return result;
}

/**
 * The references of these ids (an array expression), in their order, deleted ones included (a
 * lead may cite one); an id with no row is shown by its number.
 */
function refsOf(table: 'incidents' | 'items', ids: RawBuilder<unknown>) {
  return sql<string[]>`ARRAY(SELECT coalesce(named.ref, '#' || cited.id)
    FROM unnest(${ids}) WITH ORDINALITY AS cited(id, n)
    LEFT JOIN ${sql.table(table)} AS named ON named.id = cited.id ORDER BY cited.n)`;
}

/** The references of incidents or items by id, deleted ones included (a lead may cite one). */
export async function refsById(
  db: Db | Tx,
  table: 'incidents' | 'items',
  ids: number[],
): Promise<Map<number, string>> {
  const rows = await inChunks(
    [...new Set(ids)],
    (part) => db.selectFrom(table).select(['id', 'ref']).where('id', 'in', part).execute(),
    5000,
  );
  return new Map(rows.map((row) => [row.id, row.ref]));
}

/** The people a lead can be assigned to: active analysts and administrators. */
export async function leadAssignees(db: Db | Tx, viewer: Viewer): Promise<LeadAssignee[]> {
  requireThat(may.decideLeads(viewer), 'assign leads');
  const users = await db
    .selectFrom('users')
    .select(['username', 'display_name'])
    .where('disabled', '=', false)
    .where('role', 'in', ['analyst', 'administrator'])
    .orderBy('display_name')
    .execute();
  return users.map((u) => ({ username: u.username, displayName: u.display_name }));
}
