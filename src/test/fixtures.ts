import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { DRAIN_LOCK } from '../leads/queue';
import type { Db } from '../db/store';
import type { EntityKind, RawRow } from '../records/entity';
import type { ImportInput } from '../transfer/import';

/**
 * Small canonical rows for tests, built with overrides, and the CSV files they make. One small
 * register (two actors, three incidents, four items, one baseline row, two embargoes) is valid as
 * it stands; a test changes the cell it is about and nothing else.
 */

export const actorRow = (overrides: Partial<RawRow> = {}): RawRow => ({
  name: 'JNIM',
  aliases: 'GSIM; Groupe de soutien à l’islam et aux musulmans',
  parent: '',
  from: '2017-03',
  to: '',
  ...overrides,
});

export const incidentRow = (overrides: Partial<RawRow> = {}): RawRow => ({
  ref: '210814 IED attack, Kidal',
  date: '2021-08-14',
  type: 'IED attack',
  country: 'ML',
  admin1: 'Kidal',
  place: 'Kidal',
  lat: '18.4411',
  lon: '1.4078',
  mgrs: '',
  target: 'MINUSMA convoy',
  actor: '',
  attribution: '',
  killed: '0',
  injured: '2',
  peacekeepers_killed: '0',
  peacekeepers_injured: '2',
  summary: 'IED struck the lead vehicle of a logistics convoy',
  source: 'JMAC daily report',
  classification: 'internal',
  ...overrides,
});

export const itemRow = (overrides: Partial<RawRow> = {}): RawRow => ({
  ref: 'M-00001',
  incident_ref: '210814 IED attack, Kidal',
  category: 'ammunition',
  type: 'cartridge case',
  model: '',
  calibre: '7.62x39',
  manufacturer: '61',
  country_of_manufacture: 'CN',
  year: '2015',
  lot: '',
  serial: '',
  markings: '61 15',
  quantity: '12',
  condition: 'fired',
  notes: '',
  ...overrides,
});

export const baselineRow = (overrides: Partial<RawRow> = {}): RawRow => ({
  holder: 'FAMa',
  country: 'ML',
  category: 'weapon',
  model: 'AKM',
  calibre: '7.62x39',
  manufacturer: 'Izhmash',
  country_of_manufacture: 'SU',
  year: '1976',
  lot: '',
  source: 'inspection 2014',
  ...overrides,
});

export const embargoRow = (overrides: Partial<RawRow> = {}): RawRow => ({
  regime: 'ISIL (Da’esh) and Al-Qaida sanctions',
  scope: 'actors',
  country: '',
  actors: 'JNIM; Katibat Macina',
  start: '2013-01-01',
  end: '',
  ...overrides,
});

export const SEVARE = '150807 Complex attack, Sévaré';
export const SOFARA = '160900 Assassination, Sofara';
export const KIDAL = '210814 IED attack, Kidal';

/** The small valid register, kind by kind. */
export function smallRegister(): Record<EntityKind, RawRow[]> {
  return {
    actors: [
      actorRow(),
      actorRow({ name: 'Katibat Macina', aliases: 'Katiba Macina; FLM', parent: 'JNIM', from: '2015-01' }),
    ],
    incidents: [
      incidentRow({
        ref: SEVARE,
        date: '2015-08-07',
        type: 'Complex attack',
        admin1: 'Mopti',
        place: 'Sévaré',
        lat: '14.5311',
        lon: '-4.0921',
        target: 'hotel',
        actor: 'Katibat Macina',
        attribution: 'presumed',
        killed: '13',
        injured: '4',
        peacekeepers_killed: '5',
        peacekeepers_injured: '0',
      }),
      incidentRow({
        ref: SOFARA,
        date: '2016-09',
        type: 'Assassination',
        admin1: 'Mopti',
        place: 'Sofara',
        lat: '',
        lon: '',
        target: 'village chief',
        actor: 'Katiba Macina',
        attribution: 'claimed',
        killed: '1',
        injured: '0',
        peacekeepers_killed: '',
        peacekeepers_injured: '',
      }),
      incidentRow({ ref: KIDAL }),
    ],
    items: [
      itemRow({
        ref: 'M-00001',
        incident_ref: SEVARE,
        category: 'weapon',
        type: 'assault rifle',
        model: 'AKMS',
        manufacturer: 'Izhmash',
        country_of_manufacture: 'RU',
        year: '2011',
        serial: 'SN-11-4471',
        markings: 'FAMa secondary mark',
        quantity: '1',
        condition: 'serviceable',
      }),
      itemRow({
        ref: 'M-00002',
        incident_ref: SOFARA,
        manufacturer: '27',
        country_of_manufacture: 'EG',
        markings: '27 15',
        quantity: '3',
      }),
      itemRow({ ref: 'M-00003', incident_ref: KIDAL, quantity: '12' }),
      itemRow({
        ref: 'M-00004',
        incident_ref: SEVARE,
        quantity: '30',
        condition: 'live',
        notes: 'same sample as at Kidal',
      }),
    ],
    baselines: [baselineRow()],
    embargoes: [
      embargoRow(),
      embargoRow({
        regime: 'Côte d’Ivoire arms embargo (UNSC 1572)',
        scope: 'territory',
        country: 'CI',
        actors: '',
        start: '2004-11-15',
        end: '2016-04-28',
      }),
    ],
  };
}

export interface CsvOptions {
  /** Header cells in file order; defaults to the keys of the first row. */
  columns?: string[];
  delimiter?: string;
  eol?: string;
}

function quoteCell(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows as CSV text, a header line first; every line ends with `eol`. */
export function csv(rows: RawRow[], options: CsvOptions = {}): string {
  const { delimiter = ',', eol = '\n' } = options;
  const columns = options.columns ?? Object.keys(rows[0] ?? {});
  const lines = [columns, ...rows.map((row) => columns.map((c) => row[c] ?? ''))];
  return lines.map((cells) => cells.map((c) => quoteCell(c, delimiter)).join(delimiter) + eol).join('');
}

export const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/** One import input: rows rendered as UTF-8 CSV, or text given as it is. */
export function csvFile(name: string, content: RawRow[] | string, options?: CsvOptions): ImportInput {
  return { name, data: utf8(typeof content === 'string' ? content : csv(content, options)) };
}

/** Every kind of `register` (the small one by default) as the CSV file named after its kind. */
export function registerFiles(register: Record<EntityKind, RawRow[]> = smallRegister()): ImportInput[] {
  return (Object.keys(register) as EntityKind[])
    .filter((kind) => register[kind].length > 0)
    .map((kind) => csvFile(`${kind}.csv`, register[kind]));
}

/** A workbook with one sheet per entry, each a header row then the rows' cells as text. */
export async function xlsxFile(name: string, sheets: Record<string, RawRow[]>): Promise<ImportInput> {
  const workbook = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const columns = Object.keys(rows[0] ?? {});
    workbook
      .addWorksheet(sheetName)
      .addRows([columns, ...rows.map((row) => columns.map((c) => row[c] ?? ''))]);
  }
  return { name, data: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

export interface RowCounts {
  actors: number;
  incidents: number;
  items: number;
  baselines: number;
  embargoes: number;
  audit_log: number;
}

/** The counts of a register that nothing was ever written to. */
export const noRows: RowCounts = {
  actors: 0,
  incidents: 0,
  items: 0,
  baselines: 0,
  embargoes: 0,
  audit_log: 0,
};

/** How many rows each register table and the audit log hold: "nothing written" compares two of these. */
export async function countRows(db: Db): Promise<RowCounts> {
  const { rows } = await sql<RowCounts>`
    select (select count(*) from actors)::int as actors,
           (select count(*) from incidents)::int as incidents,
           (select count(*) from items)::int as items,
           (select count(*) from baselines)::int as baselines,
           (select count(*) from embargoes)::int as embargoes,
           (select count(*) from audit_log)::int as audit_log`.execute(db);
  return rows[0]!;
}

/**
 * Tables that hold what Headstamp ships rather than what users record, and the count of changes
 * to the lists (emptying the actors raises it): kept by `emptyRegister`.
 */
const KEPT_TABLES = ['calibres', 'manufacturers', 'models', 'schema_migrations', 'list_versions'];

/**
 * Empties the register, its audit log and whatever else users and the engines write (leads,
 * accounts…), keeping the reference lists, so tests can share one store: opening a PGlite store
 * costs about a second, emptying it a few milliseconds. The tables are read from the catalogue,
 * so new ones are emptied too. The audit log refuses TRUNCATE: its triggers are off only inside
 * this transaction.
 */
export async function emptyRegister(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Waits for a findings refresh under way (a test server's worker) and holds off the next:
    // emptying the tables under it deadlocks on PostgreSQL.
    await sql`select pg_advisory_xact_lock(${DRAIN_LOCK})`.execute(trx);
    const { rows } = await sql<{ name: string }>`
      select quote_ident(tablename) as name from pg_tables
      where schemaname = current_schema() and tablename <> all(${KEPT_TABLES})`.execute(trx);
    await sql`alter table audit_log disable trigger user`.execute(trx);
    await sql.raw(`truncate ${rows.map((r) => r.name).join(', ')} restart identity`).execute(trx);
    await sql`alter table audit_log enable trigger user`.execute(trx);
  });
}
