import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely's view of the tables in migrations/: keep the two in step. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CalibreTable {
  key: string;
  label: string;
  kind: string;
  aliases: string[];
}

export interface ManufacturerTable {
  key: string;
  name: string;
  country: string;
  headstamp_codes: string[];
  aliases: string[];
  source: string;
  confidence: string;
}

export interface ModelTable {
  key: string;
  label: string;
  category: string;
  type: string;
  calibre: string | null;
  aliases: string[];
}

export interface ActorTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  aliases: string[];
  parent_id: number | null;
  active_from: string | null;
  active_to: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IncidentTable {
  id: Generated<number>;
  ref: string;
  date: string;
  date_precision: 'day' | 'month' | 'year';
  type: string;
  country: string;
  admin1: string | null;
  place: string | null;
  lat: number | null;
  lon: number | null;
  mgrs: string | null;
  target: string | null;
  actor_id: number | null;
  attribution: string;
  killed: number | null;
  injured: number | null;
  peacekeepers_killed: number | null;
  peacekeepers_injured: number | null;
  summary: string | null;
  source: string | null;
  classification: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ItemTable {
  id: Generated<number>;
  ref: string;
  incident_id: number;
  category: string;
  type: string | null;
  model: string | null;
  model_key: string | null;
  calibre: string | null;
  calibre_key: string | null;
  manufacturer: string | null;
  manufacturer_key: string | null;
  country_of_manufacture: string | null;
  origin_country: string | null;
  year: number | null;
  lot: string | null;
  serial: string | null;
  markings: string | null;
  quantity: number;
  condition: string | null;
  notes: string | null;
  sample_key: string | null;
  sample_lot_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BaselineTable {
  id: Generated<number>;
  natural_key: string;
  holder: string;
  country: string;
  category: string;
  model: string | null;
  model_key: string | null;
  calibre: string | null;
  calibre_key: string | null;
  manufacturer: string | null;
  manufacturer_key: string | null;
  country_of_manufacture: string | null;
  year: number | null;
  lot: string | null;
  source: string | null;
  sample_key: string | null;
}

export interface EmbargoTable {
  id: Generated<number>;
  regime: string;
  regime_key: string;
  scope: 'territory' | 'actors';
  country: string | null;
  start_date: string;
  end_date: string | null;
}

export interface EmbargoActorTable {
  embargo_id: number;
  actor_id: number;
  position: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: ColumnType<Date, Date, never>;
  actor: string;
  action: 'create' | 'update' | 'delete';
  entity: string;
  entity_key: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationTable {
  version: string;
  applied_at: Timestamp;
}

export interface Database {
  calibres: CalibreTable;
  manufacturers: ManufacturerTable;
  models: ModelTable;
  actors: ActorTable;
  incidents: IncidentTable;
  items: ItemTable;
  baselines: BaselineTable;
  embargoes: EmbargoTable;
  embargo_actors: EmbargoActorTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationTable;
}

export type IncidentRow = Selectable<IncidentTable>;
export type ItemRow = Selectable<ItemTable>;
export type ActorRow = Selectable<ActorTable>;
