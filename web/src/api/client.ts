import type {
  ApiErrorBody,
  AttachmentView,
  ApiTokenView,
  CaseFile,
  CaseFileChange,
  CaseFileFields,
  CaseFileMembers,
  ImportReport,
  IncidentQuery,
  LeadBulkDecisionInput,
  LeadBulkDecisionView,
  LeadDecisionInput,
  LeadDecisionView,
  LeadFilter,
  LeadVisit,
  LinkQuery,
  Me,
  NewManufacturer,
  NewApiToken,
  NewUser,
  NewTracingRequest,
  ReferenceMapping,
  RekeyReport,
  ReportQuery,
  TracingEventInput,
  TracingOutcomeInput,
  TracingRequestView,
  Recognition,
  UserChanges,
} from './types';

import type { ExportFormat } from '@headstamp/exports/formats';
import { isGeneric, isProblemCode, problemText } from '@headstamp/core/problems';
import type { Language } from '@headstamp/core/vocabulary';
export const API = '/api/v1';

let sessionLost: () => void = () => {};
let readerLanguage: Language = 'en';

/**
 * What the server refused, in the reader's language when its code says what it is, else its
 * English message (a generic code, or a server older than the code).
 */
export function problemWords(problem: { code?: unknown; params?: unknown; message?: unknown }): string {
  const { code, params } = problem;
  if (isProblemCode(code) && !isGeneric(code)) {
    const scalars =
      params && typeof params === 'object'
        ? Object.fromEntries(
            Object.entries(params).filter(
              (entry): entry is [string, string | number] =>
                typeof entry[1] === 'string' || typeof entry[1] === 'number',
            ),
          )
        : {};
    return problemText({ code, params: scalars }, readerLanguage);
  }
  return typeof problem.message === 'string' ? problem.message : String(problem.message ?? '');
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body ? problemWords({ ...body, message: body.error }) : `HTTP ${status}`);
  }
}

/**
 * The reader's language, sent with every request (`Accept-Language`) so what the server writes
 * in words, such as the leads' explanations, comes in it.
 */
export function setApiLanguage(language: Language) {
  readerLanguage = language;
}

/** Called when the server no longer knows the session (it expired, or was closed elsewhere). */
export function onSessionLost(handler: () => void) {
  sessionLost = handler;
}

export function toQuery(params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { error: text };
  }
}

async function send(method: string, path: string, body?: unknown, signal?: AbortSignal) {
  const headers: Record<string, string> = { 'accept-language': readerLanguage };
  const init: RequestInit = { method, credentials: 'same-origin', signal: signal ?? null, headers };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${API}${path}`, init);
  const data = parse(await response.text());
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/auth/')) sessionLost();
    throw new ApiError(response.status, data as ApiErrorBody | undefined);
  }
  return { data, response };
}

async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return (await send(method, path, body, signal)).data as T;
}

export const get = <T>(path: string, signal?: AbortSignal) => call<T>('GET', path, undefined, signal);

/** A page of a list, how many the whole list holds (`X-Total-Count`), and where the next page starts. */
export interface Page<T> {
  rows: T[];
  total: number;
  /** `X-Next-Cursor`: the next page's `cursor`, none on the last page. */
  nextCursor?: string;
}

/** GETs a page of a list answered as an array with its total in the `X-Total-Count` header. */
export async function getPage<T>(path: string, signal?: AbortSignal): Promise<Page<T>> {
  const { data, response } = await send('GET', path, undefined, signal);
  const rows = data as T[];
  const total = Number(response.headers.get('x-total-count') ?? rows.length);
  const nextCursor = response.headers.get('x-next-cursor') ?? undefined;
  return { rows, total: Number.isFinite(total) ? total : rows.length, nextCursor };
}

const enc = encodeURIComponent;

/** The API's paths: pages read them through `useApi<Answer>(paths.…)`. */
export const paths = {
  me: '/auth/me',
  stats: '/stats',
  regions: '/regions',
  actors: '/actors',
  incidents: (query: IncidentQuery) => `/incidents${toQuery(query)}`,
  incidentPoints: (query: IncidentQuery) => `/incident-points${toQuery(query)}`,
  incident: (ref: string) => `/incidents/${enc(ref)}`,
  incidentAttachments: (ref: string) => `/incidents/${enc(ref)}/attachments`,
  /** Every change to an incident and its items, oldest first. */
  incidentHistory: (ref: string) => `/history/incident/${enc(ref)}`,
  item: (ref: string) => `/items/${enc(ref)}`,
  /** The deleted incidents and items an administrator may restore. */
  deleted: '/deleted',
  leads: (filter: LeadFilter) => `/leads${toQuery(filter)}`,
  leadAssignees: '/leads/assignees',
  leadsStatus: '/leads/status',
  attributionEvaluation: '/leads/evaluation',
  sample: (key: string) => `/samples/${enc(key)}`,
  sampleSuggestions: (q: string) => `/samples/suggest${toQuery({ q })}`,
  links: (query: LinkQuery) => `/links${toQuery(query)}`,
  calibres: '/reference/calibres',
  regionBoundaries: '/reference/region-boundaries',
  /** Places whose name starts with `q` (the offline gazetteer), those of `country` first. */
  places: (q: string, country?: string) => `/places${toQuery({ q, country })}`,
  /** The largest towns of a map view, for the names drawn on the maps. */
  towns: (view: { west: number; south: number; east: number; north: number; zoom: number }) =>
    `/places/towns${toQuery(view)}`,
  regionList: '/reference/regions',
  referenceMappings: '/reference/mappings',
  manufacturers: '/reference/manufacturers',
  models: '/reference/models',
  baselines: '/baselines',
  embargoes: '/embargoes',
  users: '/users',
  releases: '/releases',
  /** The partner organisations known to the mission, for the release forms. */
  partners: '/partners',
  incidentReleases: (ref: string) => `/incidents/${enc(ref)}/releases`,
  /** The signed-in account's API tokens; `all`: every account's (administrators). */
  tokens: (all = false) => `/auth/tokens${all ? '?all=true' : ''}`,
  attachment: (id: number) => `${API}/attachments/${id}`,
  caseFiles: '/case-files',
  caseFile: (id: number) => `/case-files/${id}`,
  caseFileGaps: (id: number) => `/case-files/${id}/gaps`,
  /** Download links (full addresses). */
  caseFilePdf: (id: number, lang: Language) => `${API}/case-files/${id}/pdf?lang=${lang}`,
  caseFilePackage: (id: number) => `${API}/case-files/${id}/package`,
  /** A download link (a full address): the whole selection of these filters as a file. */
  incidentExport: (query: IncidentQuery, format: ExportFormat, lang: string) =>
    `${API}/incident-export${toQuery({ ...query, format, lang })}`,
  tracingRequests: (query: { status?: string; item?: string }) => `/tracing-requests${toQuery(query)}`,
  tracingRequest: (ref: string) => `/tracing-requests/${enc(ref)}`,
  /** A download link: the request as a PDF letter in this language. */
  tracingLetter: (ref: string, lang: string) =>
    `${API}/tracing-requests/${enc(ref)}/letter${toQuery({ lang })}`,
  weaponsRegister: (query: ReportQuery, lang: string) =>
    `/reports/weapons-register${toQuery({ ...query, lang })}`,
  /** A download link: the register of the period as a file. */
  weaponsRegisterFile: (query: ReportQuery, lang: string, format: 'csv' | 'xlsx') =>
    `${API}/reports/weapons-register/file${toQuery({ ...query, lang, format })}`,
  sdgIndicator: (query: ReportQuery) => `/reports/sdg-16-4-2${toQuery({ ...query })}`,
  reportYears: '/reports/years',
};

export const api = {
  me: () => get<Me>(paths.me),
  signIn: (username: string, password: string) => call<Me>('POST', '/auth/login', { username, password }),
  signOut: () => call<{ ok: true }>('POST', '/auth/logout'),
  /**
   * An incident with the items found at it, written together or not at all; with `dryRun`, only
   * checked.
   */
  createIncident: (record: Record<string, string>, items: Record<string, string>[] = [], dryRun = false) =>
    call<{ ok: true }>('POST', `/incidents${dryRun ? '?dryRun=true' : ''}`, { ...record, items }),
  createItem: (record: Record<string, string>) => call<{ ok: true }>('POST', '/items', record),
  /** Replaces a record with all its columns. */
  updateRecord: (kind: 'incident' | 'item', ref: string, record: Record<string, string>) =>
    call<{ ok: true }>('PUT', `/${kind}s/${enc(ref)}`, record),
  deleteRecord: (kind: 'incident' | 'item', ref: string, reason: string) =>
    call<{ ok: true }>('DELETE', `/${kind}s/${enc(ref)}`, { reason }),
  restoreRecord: (kind: 'incident' | 'item', ref: string) =>
    call<{ ok: true }>('POST', `/${kind}s/${enc(ref)}/restore`),
  validateIncident: (ref: string) => call<{ ok: true }>('POST', `/incidents/${enc(ref)}/validate`),
  /** Sends a draft back to its documenter with what to correct. */
  sendBackIncident: (ref: string, comment: string) =>
    call<{ ok: true }>('POST', `/incidents/${enc(ref)}/send-back`, { comment }),
  createUser: (user: NewUser) => call<{ username: string }>('POST', '/users', user),
  changeUser: (username: string, changes: UserChanges) =>
    call<{ ok: true }>('PATCH', `/users/${enc(username)}`, changes),
  /** An API token for the signed-in account; its secret is in the answer, and nowhere else ever. */
  createToken: (body: { name: string; days: number }) => call<NewApiToken>('POST', '/auth/tokens', body),
  revokeToken: (id: number) => call<ApiTokenView>('DELETE', `/auth/tokens/${id}`),
  decideLead: (decision: LeadDecisionInput) => call<LeadDecisionView>('POST', '/leads/decisions', decision),
  /** One decision on several findings, all or none. */
  decideLeads: (decision: LeadBulkDecisionInput) =>
    call<LeadBulkDecisionView>('POST', '/leads/decisions/bulk', decision),
  /** Records a visit of the inbox; answers the one before. */
  visitLeads: () => call<LeadVisit>('POST', '/leads/visit'),
  setRelease: (ref: string, partner: string, released: boolean) =>
    call<{ ok: true }>(released ? 'PUT' : 'DELETE', `/incidents/${enc(ref)}/releases/${enc(partner)}`),
  /** Opens a case file, with its first members when given (all or nothing). */
  createCaseFile: (fields: CaseFileFields & { members?: CaseFileMembers }) =>
    call<CaseFileChange>('POST', '/case-files', fields),
  updateCaseFile: (id: number, changes: Partial<CaseFileFields>) =>
    call<CaseFile>('PATCH', `/case-files/${id}`, changes),
  /** Adds members to a case file: what they bring comes with them, and what came is counted. */
  addToCaseFile: (id: number, members: CaseFileMembers) =>
    call<CaseFileChange>('POST', `/case-files/${id}/members`, members),
  removeFromCaseFile: (id: number, members: CaseFileMembers) =>
    call<CaseFile>('DELETE', `/case-files/${id}/members`, members),
  setCaseFileRelease: (id: number, partner: string, released: boolean) =>
    call<{ ok: true }>(released ? 'PUT' : 'DELETE', `/case-files/${id}/releases/${enc(partner)}`),
  /** Files as base64, checked only (`dryRun`) or written. */
  importBoundaries: (country: string, body: { nameProperty: string; source: string; geojson: unknown }) =>
    call<{ country: string; regions: string[] }>('PUT', `/reference/region-boundaries/${enc(country)}`, body),
  /** Maps a value as written to a reference entry; answers how many stored rows were keyed again. */
  mapReferenceValue: (mapping: ReferenceMapping) => call<RekeyReport>('POST', '/reference/mappings', mapping),
  unmapReferenceValue: (mapping: Omit<ReferenceMapping, 'target'>) =>
    call<RekeyReport>('DELETE', `/reference/mappings${toQuery(mapping)}`),
  addManufacturer: (entry: NewManufacturer) =>
    call<NewManufacturer>('POST', '/reference/manufacturers', entry),
  /** What the register would recognise in items as typed; nothing is written. */
  recognise: (body: { incidentDate: string | null; items: Record<string, string>[] }, signal?: AbortSignal) =>
    call<{ items: Recognition[] }>('POST', '/reference/recognise', body, signal),
  importFiles: (files: { name: string; content: string }[], dryRun: boolean) =>
    call<ImportReport>('POST', '/import', { dryRun, files }),
  createTracingRequest: (request: NewTracingRequest) =>
    call<TracingRequestView>('POST', '/tracing-requests', request),
  recordTracingEvent: (ref: string, event: TracingEventInput) =>
    call<TracingRequestView>('POST', `/tracing-requests/${enc(ref)}/events`, event),
  recordTracingOutcome: (ref: string, outcome: TracingOutcomeInput) =>
    call<TracingRequestView>('PUT', `/tracing-requests/${enc(ref)}/outcome`, outcome),
  attach(kind: 'incident' | 'item', ref: string, file: File, caption: string) {
    const form = new FormData();
    // The server reads the caption before the file.
    form.append('caption', caption);
    form.append('file', file, file.name);
    return call<AttachmentView>('POST', `/${kind}s/${enc(ref)}/attachments`, form);
  },
};
