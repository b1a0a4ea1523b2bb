import { sql } from 'kysely';
import { z } from 'zod';
import { visibleItems, type Viewer } from '../access/policy';
import { columns } from '../db/columns';
import type { Db } from '../db/store';
import { incidentFilterSchema, selectFiltered } from '../incidents/incidents.queries';
import { formatPartialDate } from '../core/dates';
import { samplesFor } from '../samples/samples.queries';
import { searchText } from '../search/terms';

/** A typed sample stands for at most this many samples, the most documented first. */
export const MAX_TYPED_SAMPLES = 50;

export const linkQuerySchema = incidentFilterSchema
  .omit({ sort: true, page: true, pageSize: true, cursor: true })
  .extend({
    /**
     * Only the incidents where these samples were documented: a sample key, or what a person
     * types (`7.62x39 539 1975`, `Tula 1975`), which stands for the samples it finds.
     */
    sample: searchText.optional(),
    /** How many links at most, the strongest first. */
    limit: z.coerce.number().int().min(1).max(2000).default(300),
  })
  .strict();
export type LinkQuery = z.output<typeof linkQuerySchema>;

/** An incident of the network. */
export interface LinkNode {
  ref: string;
  date: string;
  type: string;
  country: string;
  admin1: string | null;
  actor: string | null;
}

/** Two incidents that share samples (and perhaps their actor). */
export interface Link {
  source: string;
  target: string;
  /** The shared sample keys, rarest first. */
  samples: string[];
  /** The actor both incidents are attributed to, when they share one. */
  actor: string | null;
  /** 1 − Π(1 − 0.9/(n − 1)) over the shared samples, n the incidents each is seen at: as leads score links. */
  weight: number;
}

export interface LinkNetwork {
  nodes: LinkNode[];
  links: Link[];
  /** How many links the selection has: more than `links.length` when the limit cut it. */
  total: number;
  truncated: boolean;
  /** Samples documented at more incidents than this are too common to link anything. */
  maxIncidentsPerSample: number;
  /** The samples the `sample` filter stood for, the most documented first; absent without one. */
  samples?: string[];
}

/**
 * The incidents of a selection linked by the samples they share, strongest links first.
 * As for the leads engine, a sample documented at more than `maxIncidents` incidents is too
 * common to say anything (every 7.62x39 casing of 1984 would link half the theatre), unless it
 * is one of the samples asked for. Rarity is counted over what the viewer may see, so a partner's
 * network says nothing about incidents not released to it.
 */
export async function linkNetwork(
  db: Db,
  viewer: Viewer,
  query: LinkQuery,
  maxIncidents: number,
): Promise<LinkNetwork> {
  const { sample, limit, ...filter } = query;
  const samples = sample === undefined ? undefined : await samplesFor(db, viewer, sample, MAX_TYPED_SAMPLES);
  // The samples asked for link however common they are.
  const asked = (column: string) =>
    samples?.length ? sql<boolean>`${sql.ref(column)} IN (${sql.join(samples)})` : sql<boolean>`false`;
  let selection = (await selectFiltered(db, viewer, filter)).clearSelect().select('incidents.id');
  if (samples) {
    selection = selection.where('incidents.id', 'in', (eb) =>
      eb.selectFrom('live_items').select('live_items.incident_id').where(asked('live_items.sample_key')),
    );
  }
  const visible = visibleItems(db, viewer).select(['items.sample_key', 'items.incident_id']);
  // With no filter the selection is all the viewer may see: its counts are the rarity.
  const everything = !sample && Object.values(filter).every((value) => value === undefined);
  // Each step is materialised so that the self-join sees only distinctive samples: joined
  // first, a sample at thousands of incidents would make millions of pairs to throw away. A
  // sample at too many incidents of the selection is too common among all the viewer may see
  // too, so only the others are counted there.
  const linksQuery = sql<{ a: number; b: number; samples: string[]; weight: number; total: number }>`
    WITH occurrences AS MATERIALIZED (
      SELECT DISTINCT sample_key, incident_id FROM live_items
      WHERE sample_key IS NOT NULL AND incident_id IN (${selection})
    ),
    candidates AS MATERIALIZED (
      SELECT sample_key, count(*)::integer AS n FROM occurrences GROUP BY sample_key
      HAVING count(*) BETWEEN 2 AND ${maxIncidents} OR ${asked('sample_key')}
    ),
    rarity AS MATERIALIZED (${
      everything
        ? sql`SELECT sample_key, n FROM candidates`
        : sql`
      SELECT v.sample_key, count(DISTINCT v.incident_id)::integer AS n
      FROM (${visible}) AS v
      WHERE v.sample_key IN (SELECT sample_key FROM candidates)
      GROUP BY v.sample_key
      HAVING count(DISTINCT v.incident_id) BETWEEN 2 AND ${maxIncidents} OR ${asked('v.sample_key')}`
    }),
    linking AS MATERIALIZED (
      SELECT o.sample_key, o.incident_id, r.n
      FROM occurrences o JOIN rarity r ON r.sample_key = o.sample_key
    )
    SELECT a.incident_id AS a, b.incident_id AS b,
      array_agg(a.sample_key ORDER BY a.n, a.sample_key) AS samples,
      1 - exp(sum(ln(1 - 0.9::double precision / (a.n - 1)))) AS weight,
      (count(*) OVER ())::integer AS total
    FROM linking a
    JOIN linking b ON b.sample_key = a.sample_key AND b.incident_id > a.incident_id
    GROUP BY a.incident_id, b.incident_id
    ORDER BY weight DESC, count(*) DESC, a.incident_id, b.incident_id
    LIMIT ${limit}
  `;
  // A whole theatre's samples do not fit PostgreSQL's default 4 MB of sort and hash memory;
  // spilling them to disk took most of the time (docs/benchmarks.md).
  const rows = await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    return linksQuery.execute(trx);
  });

  const links = rows.rows;
  const ids = [...new Set(links.flatMap((l) => [l.a, l.b]))];
  const incidents =
    ids.length === 0
      ? []
      : await db
          .selectFrom('incidents')
          .leftJoin('actors', 'actors.id', 'incidents.actor_id')
          .where('incidents.id', 'in', ids)
          .select(['incidents.id', ...columns.incidentSummary])
          .orderBy('incidents.date')
          .orderBy('incidents.ref')
          .execute();
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const total = links[0]?.total ?? 0;
  return {
    nodes: incidents.map((i) => ({
      ref: i.ref,
      date: formatPartialDate({ date: i.date, precision: i.date_precision }),
      type: i.type,
      country: i.country,
      admin1: i.admin1,
      actor: i.actor,
    })),
    links: links.map((l) => {
      const [a, b] = [byId.get(l.a)!, byId.get(l.b)!];
      return {
        source: a.ref,
        target: b.ref,
        samples: l.samples,
        actor: a.actor !== null && a.actor === b.actor ? a.actor : null,
        weight: Math.round(l.weight * 1000) / 1000,
      };
    }),
    total,
    truncated: total > links.length,
    maxIncidentsPerSample: maxIncidents,
    ...(samples ? { samples } : {}),
  };
}
