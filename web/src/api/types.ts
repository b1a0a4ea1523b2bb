/**
 * What the API answers, typed from the server's own modules (types only: nothing of the
 * server is bundled into the browser).
 */
import type { z } from 'zod';
import type { Role } from '@headstamp/access/policy';
import type { caseFileFieldsSchema } from '@headstamp/casefiles/casefile.schema';
import type { apiTokenSchema } from '@headstamp/users/users.schema';
import type { AttachmentView } from '@headstamp/evidence/evidence.queries';
import type {
  IncidentPoint,
  IncidentView,
  incidentFilterSchema,
  incidentRegions,
} from '@headstamp/incidents/incidents.queries';
import type { ItemView } from '@headstamp/items/items.queries';
import type { reviewSchema } from '@headstamp/incidents/incidents.schema';
import type { AuditEntryView, listDeleted } from '@headstamp/audit/audit.queries';
import type {
  AttributionEvaluationView,
  LeadBulkDecisionInput,
  LeadBulkDecisionView,
  LeadDecisionInput,
  LeadDecisionView,
  LeadQueryString,
  LeadView,
  LeadVisit,
  LeadsStatus,
} from '@headstamp/leads/leads.schema';
import type { Link, LinkNetwork, LinkNode, linkQuerySchema } from '@headstamp/links/links.queries';
import type { SampleProfile, SampleSuggestion } from '@headstamp/samples/samples.queries';
import type { referenceMappingSchema, rekeyReportSchema } from '@headstamp/reference/reference.schema';
import type { townSchema } from '@headstamp/places/places.schema';
import type { RegisterStats } from '@headstamp/stats/stats.queries';
import type { TheatreStats } from '@headstamp/stats/theatre.queries';
import type { ConventionReport, ReportYears, SdgIndicator } from '@headstamp/reports/reports.schema';
import type {
  newTracingRequestSchema,
  tracingEventSchema,
  tracingOutcomeSchema,
  TracingRequestView,
  TracingSummary,
} from '@headstamp/tracing/tracing.schema';

export type {
  AttachmentView,
  AttributionEvaluationView,
  IncidentPoint,
  IncidentView,
  ItemView,
  LeadView,
  LeadsStatus,
  Role,
  TheatreStats,
};
export type { Link, LinkNetwork, LinkNode, SampleProfile, SampleSuggestion };

/** The filters of GET /links, as sent in the query string. */
export type LinkQuery = Partial<Record<keyof z.input<typeof linkQuerySchema>, string>>;

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
  nextCursor: string | null;
  incidents: IncidentView[];
}

export interface IncidentDetail {
  incident: IncidentView;
  items: ItemView[];
  leads: LeadView[];
  reviews: z.infer<typeof reviewSchema>[];
  /** What the signed-in account may do with it. */
  can: { change: boolean; review: boolean };
}

/** One entry of a record's history: who changed what, when. */
export type HistoryEntry = AuditEntryView;

export type DeletedRecords = Awaited<ReturnType<typeof listDeleted>>;

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

export type { LeadBulkDecisionInput, LeadBulkDecisionView, LeadDecisionInput, LeadDecisionView, LeadVisit };
export interface Assignee {
  username: string;
  displayName: string;
}

export type LeadFilter = Partial<Record<Exclude<keyof LeadQueryString, 'lang'>, string>>;

/** A 400 answer: what was wrong, by column when the problem is in a record. */
/** A refusal's code and parameters (`core/problems.ts`), as the API gives them beside its English message. */
export interface ProblemFields {
  code?: string;
  params?: Record<string, string | number>;
}

export interface ApiErrorBody extends ProblemFields {
  error: string;
  details?: unknown;
  issues?: ({ path: string; message: string } & ProblemFields)[];
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
  confidence: string;
  source: string;
  makes: ('weapons' | 'ammunition' | 'explosives' | 'vehicles')[];
}

/** A producer an administrator adds to the manufacturer list. */
export interface NewManufacturer {
  key: string;
  name: string;
  country: string;
  makes: ManufacturerRef['makes'];
  location?: string;
  years?: [number, number | null];
  calibres: string[];
  headstampCodes: string[];
  aliases: string[];
  source: string;
  confidence: 'high' | 'medium' | 'low';
}

/** A value as field teams write it, mapped by an analyst to a reference entry. */
export type ReferenceMapping = z.input<typeof referenceMappingSchema>;
export type RekeyReport = z.output<typeof rekeyReportSchema>;

export interface ModelRef {
  key: string;
  label: string;
  category: string;
  type: string | null;
  calibre: string | null;
  aliases: string[];
}

/** Reference data and administration (GET /baselines, /embargoes, /users, /releases; POST /import). */
export type { ImportProblem, ImportReport, RowChange } from '@headstamp/transfer/import';
export type { MakerRecognition, Recognition } from '@headstamp/reference/recognise';

export type { RegionBoundaryEntry } from '@headstamp/reference/boundaries.queries';
/** A place of the offline gazetteer (GET /places). */
export type { Place } from '@headstamp/places/gazetteer';
/** A town named on the maps (GET /places/towns). */
export type Town = z.infer<typeof townSchema>;

export interface BaselineRef {
  holder: string;
  country: string;
  category: string;
  model: string | null;
  calibre: string | null;
  manufacturer: string | null;
  year: number | null;
  lot: string | null;
  source: string | null;
  sample: string | null;
}

export interface EmbargoRef {
  regime: string;
  scope: string;
  country: string | null;
  actors: string[];
  start: string;
  end: string | null;
}

export interface UserView extends Me {
  displayName: string;
  disabled: boolean;
}

export interface ReleaseView {
  incident: string;
  partner: string;
  releasedAt: string;
  releasedBy: string | null;
}

/** The body of POST /users. */
export type NewUser = Pick<UserView, 'username' | 'displayName' | 'role' | 'partner'> & { password: string };

/** The body of PATCH /users/:username: what changes of an account. */
export type { UserChanges } from '@headstamp/users/users.schema';

/** An API token as listed (GET /auth/tokens), and as made (POST), with its secret shown once. */
export type ApiTokenView = z.infer<typeof apiTokenSchema>;
export type NewApiToken = ApiTokenView & { token: string };

/** Case files (src/casefiles): the server's own schema types, one source of truth. */
export type {
  CaseFile,
  CaseFileChange,
  CaseFileGaps,
  CaseFileSummary,
  MembersInput as CaseFileMembers,
} from '@headstamp/casefiles/casefile.schema';
/** What opens or edits a case file. */
export type CaseFileFields = z.input<typeof caseFileFieldsSchema>;

/** Tracing requests (GET, POST /tracing-requests…). */
export type { TracingRequestView, TracingSummary };
export type NewTracingRequest = z.input<typeof newTracingRequestSchema>;
export type TracingEventInput = z.input<typeof tracingEventSchema>;
export type TracingOutcomeInput = z.input<typeof tracingOutcomeSchema>;

/** Reports (GET /reports/…): a period, and only one country when given. */
export interface ReportQuery {
  from: string;
  to: string;
  country?: string;
}
export type WeaponsRegister = Pick<ConventionReport, 'rows' | 'totals'> & { period: ReportQuery };
export type { ReportYears };
export type { SdgIndicator };
