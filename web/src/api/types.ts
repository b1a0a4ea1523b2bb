/**
 * What the API answers, typed from the server's own modules (types only: nothing of the
 * server is bundled into the browser).
 */
import type { z } from 'zod';
import type { Role } from '../../../src/access/policy';
import type { AttachmentView } from '../../../src/evidence/evidence.service';
import type {
  IncidentPoint,
  IncidentView,
  ItemView,
  incidentFilterSchema,
  incidentRegions,
} from '../../../src/incidents/incidents.queries';
import type { LeadQuery, LeadView } from '../../../src/leads/leads.repository';
import type { RegisterStats } from '../../../src/stats/stats';
import type { TheatreStats } from '../../../src/stats/theatre';

export type { AttachmentView, IncidentPoint, IncidentView, ItemView, LeadView, Role, TheatreStats };

export interface Me {
  username: string;
  role: Role;
  partner: string | null;
}

/** The filters of GET /incidents, as sent in the query string. */
export type IncidentQuery = Partial<Record<keyof z.input<typeof incidentFilterSchema>, string>>;

export interface IncidentPage {
  total: number;
  page: number;
  pageSize: number;
  incidents: IncidentView[];
}

export interface IncidentDetail {
  incident: IncidentView;
  items: ItemView[];
  leads: LeadView[];
}

export interface IncidentPoints {
  total: number;
  points: IncidentPoint[];
}

export type Region = Awaited<ReturnType<typeof incidentRegions>>[number];

export interface Stats {
  register: RegisterStats;
  theatre: TheatreStats;
}

export interface Actor {
  name: string;
  aliases: string[];
  parent: string | null;
  from: string | null;
  to: string | null;
}

export type LeadFilter = Partial<Record<Exclude<keyof LeadQuery, 'incidentId'>, string>>;

/** A 400 answer: what was wrong, by column when the problem is in a record. */
export interface ApiErrorBody {
  error: string;
  details?: unknown;
  issues?: { path: string; message: string }[];
}

/** Reference lists (GET /reference/…): what field teams pick calibres, producers and models from. */
export interface CalibreRef {
  key: string;
  label: string;
  kind: string;
  aliases: string[];
}

export interface ManufacturerRef {
  key: string;
  name: string;
  country: string | null;
  headstampCodes: string[];
  aliases: string[];
}

export interface ModelRef {
  key: string;
  label: string;
  category: string;
  type: string | null;
  calibre: string | null;
  aliases: string[];
}
