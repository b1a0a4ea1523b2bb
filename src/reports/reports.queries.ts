import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { z } from 'zod';
import { may, requireThat, visibleItems, type Viewer } from '../access/policy';
import { auditExport } from '../audit/audit';
import { columns } from '../db/columns';
import type { Db } from '../db/store';
import { incidentTypes, type IncidentType } from '../incidents/vocabulary';
import { countryName } from '../core/grammar';
import { termLabel, type Language } from '../core/vocabulary';
import { custodyEventNames } from '../evidence/vocabulary';
import { itemTypes } from '../items/vocabulary';
import type { RawRow } from '../records/entity';
import { csvPieces, xlsxStream } from '../transfer/export';
import {
  conventionColumns,
  reportPeriodSchema,
  type ConventionAction,
  type ConventionReport,
  type ReportPeriod,
  type SdgIndicator,
} from './reports.schema';

// Reports a troop-contributing country or a mission owes to others: the register of weapons
// seized, collected or destroyed in a period (ECOWAS Convention art. 11, Kinshasa Convention
// art. 22), and the figures of SDG indicator 16.4.2.

/** How the recovery of arms is counted (SDG 16.4.2 metadata): seized, found or surrendered. */
export type RecoveryContext = 'seized' | 'found' | 'surrendered';
export function recoveryContext(type: string): RecoveryContext {
  const seized: string[] = ['seizure', 'battlefield_capture'] satisfies IncidentType[];
  const surrendered: string[] = ['weapons_collection', 'surrender'] satisfies IncidentType[];
  if (seized.includes(type)) return 'seized';
  if (surrendered.includes(type)) return 'surrendered';
  return 'found';
}

/** Antique arms (made in 1899 or before) are outside the indicator and the conventions. */
const ANTIQUE_BEFORE = 1900;

/** The arms the viewer may see (weapons, antiques excluded), with their incidents, in the period's country. */
function armsQuery(db: Db, viewer: Viewer, period: ReportPeriod) {
  const query = visibleItems(db, viewer)
    .innerJoin('incidents', 'incidents.id', 'items.incident_id')
    .where('items.category', '=', 'weapon')
    .where((eb) => eb.or([eb('items.year', 'is', null), eb('items.year', '>=', ANTIQUE_BEFORE)]));
  return period.country ? query.where('incidents.country', '=', period.country) : query;
}

/**
 * The register's two parts as queries (the weapons recovered in the period, and those destroyed
 * in it), and how a row of either reads as a line of the register.
 */
function registerParts(db: Db, viewer: Viewer, period: ReportPeriod, language: Language) {
  const weapons = () =>
    armsQuery(db, viewer, period).select([
      'items.id',
      'items.ref as item_ref',
      ...columns.materiel,
      'items.markings',
      'items.quantity',
      'incidents.ref as incident_ref',
      'incidents.date',
      'incidents.type as incident_type',
      'incidents.country',
      'incidents.admin1',
      'incidents.place',
      // Where the item is now: its latest custody event, and to whom when it was a transfer.
      (eb) =>
        eb
          .selectFrom('custody_events')
          .select('event')
          .whereRef('custody_events.item_id', '=', 'items.id')
          .orderBy('custody_events.at', 'desc')
          .limit(1)
          .as('custody_event'),
      (eb) =>
        eb
          .selectFrom('custody_events')
          .select('to_whom')
          .whereRef('custody_events.item_id', '=', 'items.id')
          .orderBy('custody_events.at', 'desc')
          .limit(1)
          .as('custody_to'),
    ]);
  const recovered = weapons()
    .where('incidents.date', '>=', period.from)
    .where('incidents.date', '<=', period.to);
  const destroyed = weapons()
    .innerJoin('custody_events as destruction', 'destruction.item_id', 'items.id')
    .where('destruction.event', '=', 'destroyed')
    .where(sql<boolean>`destruction.at::date between ${period.from}::date and ${period.to}::date`)
    .select([
      sql<string>`to_char(destruction.at, 'YYYY-MM-DD')`.as('destroyed_on'),
      // The moment exactly (microseconds), where a page of the register ends.
      sql<string>`destruction.at::text`.as('destroyed_at'),
    ]);

  type Row = Awaited<ReturnType<typeof recovered.execute>>[number];
  const line = (row: Row, action: ConventionAction, date: string) => ({
    action,
    date,
    incident_ref: row.incident_ref,
    incident_type: termLabel(incidentTypes, row.incident_type, language),
    country: countryName(row.country, language),
    admin1: row.admin1 ?? '',
    place: row.place ?? '',
    item_ref: row.item_ref,
    type: termLabel(itemTypes, row.type, language),
    model: row.model ?? '',
    calibre: row.calibre ?? '',
    manufacturer: row.manufacturer ?? '',
    country_of_manufacture: row.country_of_manufacture
      ? countryName(row.country_of_manufacture, language)
      : '',
    year: row.year === null ? '' : String(row.year),
    serial: row.serial ?? '',
    markings: row.markings ?? '',
    quantity: String(row.quantity),
    custody: [row.custody_event && termLabel(custodyEventNames, row.custody_event, language), row.custody_to]
      .filter(Boolean)
      .join(' → '),
  });
  const recoveredLine = (row: Row) =>
    line(row, recoveryContext(row.incident_type) === 'surrendered' ? 'collected' : 'seized', row.date);
  const destroyedLine = (row: Row & { destroyed_on: string }) => line(row, 'destroyed', row.destroyed_on);
  return { recovered, destroyed, recoveredLine, destroyedLine };
}

/**
 * The weapons recovered in the period (seized or found: "seized"; handed in: "collected") and
 * those destroyed in it, one line per item record with its quantity, as the conventions ask a
 * state to declare and keep them.
 */
async function readConventionReport(
  db: Db,
  viewer: Viewer,
  input: z.input<typeof reportPeriodSchema>,
  language: Language = 'en',
): Promise<ConventionReport> {
  requireThat(may.report(viewer), 'produce reports');
  const period = reportPeriodSchema.parse(input);
  const parts = registerParts(db, viewer, period, language);
  const recovered = await parts.recovered.orderBy('incidents.date').orderBy('items.ref').execute();
  const destroyed = await parts.destroyed.orderBy('destruction.at').orderBy('items.ref').execute();
  const rows = [...recovered.map(parts.recoveredLine), ...destroyed.map(parts.destroyedLine)];
  const totals = { seized: 0, collected: 0, destroyed: 0 };
  for (const row of rows) totals[row.action] += Number(row.quantity);
  return { period, rows, totals };
}

/**
 * SDG indicator 16.4.2: the proportion of seized, found or surrendered arms whose illicit origin
 * or context has been traced or established by a competent authority. Arms are weapons, counted
 * by quantity, antiques excluded; "established" means a tracing request on the item recorded
 * the point of diversion.
 */
export async function sdgIndicator(
  db: Db,
  viewer: Viewer,
  input: z.input<typeof reportPeriodSchema>,
): Promise<SdgIndicator> {
  requireThat(may.report(viewer), 'produce reports');
  const period = reportPeriodSchema.parse(input);
  const rows = await armsQuery(db, viewer, period)
    .where('incidents.date', '>=', period.from)
    .where('incidents.date', '<=', period.to)
    .select([
      'incidents.type',
      sql<number>`sum(items.quantity)::integer`.as('arms'),
      sql<number>`coalesce(sum(items.quantity) filter (where traced.requested), 0)::integer`.as('requested'),
      sql<number>`coalesce(sum(items.quantity) filter (where traced.by_trace), 0)::integer`.as('by_trace'),
      sql<number>`coalesce(sum(items.quantity) filter (where traced.by_authority and not traced.by_trace), 0)::integer`.as(
        'by_authority',
      ),
    ])
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('tracing_request_items as tri')
          .innerJoin('tracing_requests as tr', 'tr.id', 'tri.request_id')
          .select([
            sql<boolean>`count(*) > 0`.as('requested'),
            sql<boolean>`bool_or(tr.diversion_established and tr.established_by = 'trace')`.as('by_trace'),
            sql<boolean>`bool_or(tr.diversion_established and tr.established_by = 'authority')`.as(
              'by_authority',
            ),
          ])
          .whereRef('tri.item_id', '=', 'items.id')
          .as('traced'),
      (join) => join.onTrue(),
    )
    .groupBy('incidents.type')
    .execute();

  const byContext: SdgIndicator['byContext'] = {
    seized: { arms: 0, established: 0 },
    found: { arms: 0, established: 0 },
    surrendered: { arms: 0, established: 0 },
  };
  const establishedBy = { trace: 0, authority: 0 };
  let traceRequested = 0;
  for (const row of rows) {
    const context = byContext[recoveryContext(row.type)];
    context.arms += row.arms;
    context.established += row.by_trace + row.by_authority;
    establishedBy.trace += row.by_trace;
    establishedBy.authority += row.by_authority;
    traceRequested += row.requested;
  }
  const arms = rows.reduce((sum, r) => sum + r.arms, 0);
  const established = establishedBy.trace + establishedBy.authority;
  return {
    period: { from: period.from, to: period.to, ...(period.country ? { country: period.country } : {}) },
    arms,
    established,
    proportion: arms === 0 ? null : established / arms,
    traceRequested,
    byContext,
    establishedBy,
  };
}

/**
 * The years in which the viewer may see weapons recovered or destroyed, oldest first: the
 * periods a report has something to say about (the page opens on the last complete one).
 */
export async function reportYears(db: Db, viewer: Viewer): Promise<number[]> {
  requireThat(may.report(viewer), 'produce reports');
  const everywhere = { from: '1850-01-01', to: '2100-12-31' };
  const [recovered, destroyed] = await Promise.all([
    armsQuery(db, viewer, everywhere)
      .select(sql<number>`distinct extract(year from incidents.date)::int`.as('year'))
      .execute(),
    armsQuery(db, viewer, everywhere)
      .innerJoin('custody_events as destruction', 'destruction.item_id', 'items.id')
      .where('destruction.event', '=', 'destroyed')
      .select(sql<number>`distinct extract(year from destruction.at)::int`.as('year'))
      .execute(),
  ]);
  return [...new Set([...recovered, ...destroyed].map((r) => Number(r.year)))].sort((a, b) => a - b);
}

/** The convention register, its production audited like any export. */
export async function conventionReport(
  db: Db,
  viewer: Viewer,
  input: z.input<typeof reportPeriodSchema>,
  language: Language,
): Promise<ConventionReport> {
  const report = await readConventionReport(db, viewer, input, language);
  await auditReport(db, viewer, report.period, 'json', report.rows.length);
  return report;
}

function auditReport(
  db: Db,
  viewer: Viewer,
  period: ReportPeriod,
  format: 'json' | 'csv' | 'xlsx',
  rows: number,
) {
  return auditExport(db, viewer.username, { report: 'convention-register', ...period, format, rows });
}

/** Register lines read from the store at once while its file is made. */
const BATCH = 250;

/**
 * The convention register as a file, its production audited like any export. The file is made
 * as it is read (`body`), a batch of lines at a time, each part in its order and each batch
 * after the last one's final line: a register of every weapon of a theatre never sits in
 * memory whole. Its totals and lines are counted first, for the audit log and the caller.
 */
export async function conventionReportFile(
  db: Db,
  viewer: Viewer,
  input: z.input<typeof reportPeriodSchema>,
  format: 'csv' | 'xlsx',
  language: Language,
): Promise<{ body: Readable; fileName: string; rows: number; totals: ConventionReport['totals'] }> {
  requireThat(may.report(viewer), 'produce reports');
  const period = reportPeriodSchema.parse(input);
  const parts = registerParts(db, viewer, period, language);
  const sums = (query: typeof parts.recovered) =>
    query
      .clearSelect()
      .select([
        'incidents.type',
        sql<number>`count(*)::integer`.as('lines'),
        sql<number>`sum(items.quantity)::integer`.as('quantity'),
      ])
      .groupBy('incidents.type')
      .execute();
  const totals = { seized: 0, collected: 0, destroyed: 0 };
  let lines = 0;
  for (const sum of await sums(parts.recovered)) {
    totals[recoveryContext(sum.type) === 'surrendered' ? 'collected' : 'seized'] += sum.quantity;
    lines += sum.lines;
  }
  for (const sum of await sums(parts.destroyed)) {
    totals.destroyed += sum.quantity;
    lines += sum.lines;
  }
  await auditReport(db, viewer, period, format, lines);

  async function* recovered() {
    let after: { date: string; ref: string } | undefined;
    for (;;) {
      const batch = await parts.recovered
        .$if(after !== undefined, (q) =>
          q.where(sql<boolean>`(incidents.date, items.ref) > (${after!.date}::date, ${after!.ref})`),
        )
        .orderBy('incidents.date')
        .orderBy('items.ref')
        .limit(BATCH)
        .execute();
      yield* batch.map(parts.recoveredLine);
      const last = batch.at(-1);
      if (!last || batch.length < BATCH) return;
      after = { date: last.date, ref: last.item_ref };
    }
  }
  async function* destroyed() {
    let after: { at: string; ref: string } | undefined;
    for (;;) {
      const batch = await parts.destroyed
        .$if(after !== undefined, (q) =>
          q.where(sql<boolean>`(destruction.at, items.ref) > (${after!.at}::timestamptz, ${after!.ref})`),
        )
        .orderBy('destruction.at')
        .orderBy('items.ref')
        .limit(BATCH)
        .execute();
      yield* batch.map(parts.destroyedLine);
      const last = batch.at(-1);
      if (!last || batch.length < BATCH) return;
      after = { at: last.destroyed_at, ref: last.item_ref };
    }
  }
  async function* register(): AsyncGenerator<RawRow> {
    yield* recovered();
    yield* destroyed();
  }
  const quantity = new Set(['quantity']);
  const body =
    format === 'csv'
      ? Readable.from(csvPieces(conventionColumns, register(), ',', quantity))
      : xlsxStream([
          { name: 'register', columns: conventionColumns, rows: register(), numbers: quantity },
          {
            name: 'totals',
            columns: ['action', 'quantity', 'from', 'to', 'country'],
            rows: (['seized', 'collected', 'destroyed'] as const).map((action) => ({
              action,
              quantity: String(totals[action]),
              from: period.from,
              to: period.to,
              country: period.country ?? '',
            })),
            numbers: quantity,
          },
        ]);
  const scope = period.country ? `-${period.country}` : '';
  return {
    body,
    fileName: `weapons-register${scope}-${period.from}-${period.to}.${format}`,
    rows: lines,
    totals,
  };
}
