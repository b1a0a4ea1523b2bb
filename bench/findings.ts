/**
 * Findings benchmark: how well the leads engine RANKS what an analyst should find. A theatre
 * with a dozen planted stories (bench/findings-theatre.ts) among realistic background; one full
 * computation; then, for each story, the best rank of a finding that counts as finding it (all
 * findings, strongest first), recall in the top 20 and 50, findings per 100 incidents, and the
 * precision and coverage of the actors suggested for attacks whose actor was hidden.
 *
 *   npx tsx bench/findings.ts [--incidents 2000] [--items 5000] [--seed 1]
 *   DATABASE_URL=postgres://… npx tsx bench/findings.ts      (an EMPTY scratch database)
 *
 * A sample's story counts when told alone (`sample_story`) or within a link cluster
 * (`evidence.stories`). Results are printed as Markdown.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemViewer } from '../src/access/policy';
import type { Tx } from '../src/db/store';
import { evaluateAttribution, refreshLeads } from '../src/leads/engine';
import { listLeads } from '../src/leads/leads.queries';
import { openStore } from '../src/register/store';
import { int, machine, requireEmptyStore, secs, timed } from './harness';
import {
  generateFindingsTheatre,
  writeFindingsTheatre,
  type Expectation,
  type FindingsTheatre,
} from './findings-theatre';

const { values: args } = parseArgs({
  options: {
    incidents: { type: 'string', default: '2000' },
    items: { type: 'string' },
    seed: { type: 'string', default: '1' },
    /** Print the strongest findings one per line, to see what fills the top of the inbox. */
    top: { type: 'string', default: '0' },
    /** Print the whole finding (evidence included) whose subject is this, to see why it ranks. */
    show: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log('usage: npx tsx bench/findings.ts [--incidents 2000] [--items 5000] [--seed 1] [--top 40]');
  process.exit(0);
}
const N = Number(args.incidents);
const M = Number(args.items ?? Math.round(2.5 * N));
const SEED = Number(args.seed);
if (!Number.isInteger(N) || N < 500 || !Number.isInteger(M) || M < N || !Number.isInteger(SEED)) {
  console.error('--incidents must be an integer >= 500, --items an integer >= incidents, --seed an integer');
  process.exit(2);
}

// --- What counts as finding a story -------------------------------------------------------------

/** A finding as listLeads returns it, its kind read as text: the kinds are being redesigned. */
interface Finding {
  kind: string;
  subject: string;
  incidents: string[];
  samples: string[];
  actor?: string;
  score: number;
  evidence: Record<string, unknown>;
}

const facetsOf = (f: Finding) => (Array.isArray(f.evidence.facets) ? (f.evidence.facets as string[]) : []);
const overlap = (a: string[], b: string[]) => a.filter((x) => b.includes(x)).length;

/** The facets of one sample's story in a finding: told alone, or within a link cluster. */
function sampleFacets(f: Finding, sample: string): string[] {
  if (f.kind === 'sample_story') return f.subject === sample ? facetsOf(f) : [];
  const told = Array.isArray(f.evidence.stories)
    ? (f.evidence.stories as { sample?: string; facets?: string[] }[])
    : [];
  return told.find((s) => s.sample === sample)?.facets ?? [];
}

/** An attribution's incidents without a known actor: listed first, as many as its evidence names. */
const unattributedOf = (f: Finding) =>
  f.incidents.slice(0, Array.isArray(f.evidence.unattributed) ? f.evidence.unattributed.length : 1);

/** The matchers, one per kind of story. */
const MATCHERS: {
  [K in Expectation['kind']]: (f: Finding, e: Extract<Expectation, { kind: K }>) => boolean;
} = {
  // A cluster holding ≥ 60% of the planted incidents and at most 3× as many (not a giant merge).
  cluster: (f, e) =>
    f.kind === 'linked_incidents' &&
    overlap(f.incidents, e.incidents) >= 0.6 * e.incidents.length &&
    f.incidents.length <= 3 * e.incidents.length,
  // The right actor for one of the unattributed incidents (the finding's incidents without an
  // actor, listed first: one for a single attribution, all of a series).
  attribution: (f, e) =>
    f.kind === 'attribution' &&
    f.actor === e.actor &&
    unattributedOf(f).some((ref) => e.incidents.includes(ref)),
  // The sample's story with that facet, told alone or within a link cluster.
  facet: (f, e) => sampleFacets(f, e.sample).includes(e.facet),
  new_type: (f, e) => f.kind === 'new_type' && f.subject === e.subject,
  // The same serial number at the theft and at a later recovery (not today's match by sample).
  serial: (f, e) =>
    f.kind === 'diversion_match' &&
    f.incidents.includes(e.lost) &&
    f.incidents.some((r) => e.found.includes(r)),
};
const matches = (f: Finding, e: Expectation) =>
  (MATCHERS[e.kind] as (f: Finding, e: Expectation) => boolean)(f, e);

function describe(e: Expectation): string {
  switch (e.kind) {
    case 'cluster':
      return `linked_incidents: ≥ 60% of ${e.incidents.length} incidents`;
    case 'attribution':
      return `attribution to ${e.actor} of ${e.incidents.join(', ')}`;
    case 'facet':
      return `${e.facet}: ${e.sample}`;
    case 'new_type':
      return `new_type ${e.subject}`;
    case 'serial':
      return `serial match ${e.lost} → ${e.found.join(', ')}`;
  }
}

/** One finding on one line: score, kind, subject, incidents and the score's terms. */
function line(f: Finding): string {
  const terms = Array.isArray(f.evidence.scoreTerms)
    ? (f.evidence.scoreTerms as { term: string; value: number }[])
        .map((t) => `${t.term} ${t.value}`)
        .join(', ')
    : '';
  return `${f.score.toFixed(3)} ${f.kind} ${f.subject} — ${f.incidents.length} incidents (${terms})`;
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(0)}%`);

// --- Attribution --------------------------------------------------------------------------------

/** Attribution findings on attacks whose actor was hidden, against the true actor. */
function attributionQuality(findings: Finding[], theatre: FindingsTheatre) {
  // A series suggests its actor for each of its incidents without one.
  const predicted = findings.flatMap((f) =>
    f.kind === 'attribution'
      ? unattributedOf(f)
          .filter((ref) => theatre.hidden.has(ref))
          .map((ref) => ({ ref, actor: f.actor }))
      : [],
  );
  let correct = 0;
  let related = 0;
  for (const f of predicted) {
    const actual = theatre.truth.get(f.ref)!;
    if (f.actor === actual) correct++;
    else if (
      f.actor !== undefined &&
      (theatre.parentOf.get(actual) === f.actor || theatre.parentOf.get(f.actor) === actual)
    )
      related++;
  }
  return { hidden: theatre.hidden.size, predicted: predicted.length, correct, related };
}

/** The engine's own leave-one-out evaluation (`headstamp leads --evaluate`). */
async function leaveOneOut(trx: Tx): Promise<string> {
  const r = await evaluateAttribution(trx);
  return (
    `precision ${pct(r.precision, 1)}, coverage ${pct(r.coverage, 1)} ` +
    `(${r.correct} right of ${r.predicted} predicted; ${r.evaluated} attributed incidents evaluated)`
  );
}

// --- Main ---------------------------------------------------------------------------------------

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
  try {
    await requireEmptyStore(store);
    const host = machine();
    console.log(
      `# Headstamp findings benchmark — ${new Date().toISOString()}\n\n` +
        `machine: ${host.summary}\ncode: ${host.code}; store: ${store.kind}\n` +
        `requested: ${int(N)} incidents, ${int(M)} item lines, seed ${SEED}\n`,
    );

    const theatre = generateFindingsTheatre({ incidents: N, items: M, seed: SEED });
    const written = await timed(() => writeFindingsTheatre(store.db, theatre));
    const { rows: shape } = await sql<{ samples: number; once: number }>`
      SELECT count(*)::int AS samples, count(*) FILTER (WHERE n = 1)::int AS once
        FROM (SELECT sample_key, count(DISTINCT incident_id) AS n FROM items
               WHERE sample_key IS NOT NULL GROUP BY sample_key) s`.execute(store.db);
    console.log(
      `theatre: ${int(theatre.incidents.length)} incidents, ${int(written.value)} item lines, ` +
        `${int(shape[0]!.samples)} samples (${int(shape[0]!.once)} seen once), ` +
        `${int(theatre.hidden.size)} attacks with the actor hidden, ${theatre.stories.length} planted stories; ` +
        `written in ${secs(written.ms)} s\n`,
    );

    const full = await timed(() =>
      store.db.transaction().execute((trx) => refreshLeads(trx, { full: true })),
    );
    const findings: Finding[] = await listLeads(store.db, systemViewer, { sort: 'score' });

    // Stories. Equal scores are ordered by date (newest first): the range shows where a tie spans.
    const ties = (score: number) => {
      const first = findings.findIndex((f) => f.score === score) + 1;
      const last = findings.findLastIndex((f) => f.score === score) + 1;
      return first === last ? '' : ` (tie ${first}–${last})`;
    };
    console.log('| Story | What counts as found | Best rank | Kind | Score |\n|---|---|---|---|---|');
    const ranks: number[] = [];
    for (const story of theatre.stories) {
      const index = findings.findIndex((f) => matches(f, story.expect));
      const hit = findings[index];
      ranks.push(index < 0 ? Infinity : index + 1);
      console.log(
        `| ${story.id} ${story.title} | ${describe(story.expect)} | ` +
          (hit
            ? `${index + 1}${ties(hit.score)} | ${hit.kind} | ${hit.score.toFixed(3)} |`
            : 'not found | — | — |'),
      );
    }

    if (Number(args.top) > 0)
      for (const [k, story] of theatre.stories.entries())
        if (ranks[k]! > 20 && Number.isFinite(ranks[k]))
          console.log(`${story.id} at ${ranks[k]}: ${line(findings[ranks[k]! - 1]!)}`);
    for (const [k, f] of findings.slice(0, Number(args.top)).entries()) {
      const story = theatre.stories.find((s) => matches(f, s.expect));
      console.log(`${k + 1}. ${line(f)}${story ? ` ← ${story.id}` : ''}`);
    }

    for (const subject of args.show)
      console.log(
        JSON.stringify(findings.find((f) => f.subject === subject) ?? `${subject}: no finding`, null, 1),
      );

    // Volume and what fills the top.
    const kinds = new Map<string, { all: number; top50: number }>();
    findings.forEach((f, k) => {
      const entry = kinds.get(f.kind) ?? { all: 0, top50: 0 };
      entry.all++;
      if (k < 50) entry.top50++;
      kinds.set(f.kind, entry);
    });
    console.log('\n| Kind | Findings | In the top 50 |\n|---|---|---|');
    for (const [kind, n] of [...kinds].sort((a, b) => b[1].all - a[1].all))
      console.log(`| ${kind} | ${int(n.all)} | ${n.top50} |`);

    const a = attributionQuality(findings, theatre);
    const looOut = await store.db.transaction().execute((trx) => leaveOneOut(trx));
    const found = (k: number) => ranks.filter((r) => r <= k).length;
    const rows: [string, string][] = [
      ['Stories found in the top 20', `${found(20)} / ${ranks.length}`],
      ['Stories found in the top 50', `${found(50)} / ${ranks.length}`],
      ['Stories found at any rank', `${ranks.filter(Number.isFinite).length} / ${ranks.length}`],
      [
        'Findings per 100 incidents',
        `${((100 * findings.length) / theatre.incidents.length).toFixed(1)} (${int(findings.length)} findings)`,
      ],
      [
        'Attribution on hidden-actor attacks: precision',
        `${pct(a.correct, a.predicted)} (${a.correct} / ${a.predicted}; parent or child group instead: ${a.related})`,
      ],
      [
        'Attribution on hidden-actor attacks: coverage',
        `${pct(a.predicted, a.hidden)} (${a.predicted} / ${a.hidden})`,
      ],
      ['evaluateAttribution (leave-one-out)', looOut],
      ['Full computation (wall time)', `${secs(full.ms)} s — ${JSON.stringify(full.value)}`],
    ];
    console.log('\n| Measure | Result |\n|---|---|');
    for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  } finally {
    await store.close();
  }
}

await main();
