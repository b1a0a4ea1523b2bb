import type { ApiErrorBody, AttachmentView, IncidentQuery, LeadFilter, Me } from './types';

export const API = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body?.error ?? `HTTP ${status}`);
  }
}

let sessionLost: () => void = () => {};

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

async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', signal: signal ?? null };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const response = await fetch(`${API}${path}`, init);
  const data = parse(await response.text());
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/auth/')) sessionLost();
    throw new ApiError(response.status, data as ApiErrorBody | undefined);
  }
  return data as T;
}

export const get = <T>(path: string, signal?: AbortSignal) => call<T>('GET', path, undefined, signal);

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
  leads: (filter: LeadFilter) => `/leads${toQuery(filter)}`,
  calibres: '/reference/calibres',
  manufacturers: '/reference/manufacturers',
  models: '/reference/models',
  attachment: (id: number) => `${API}/attachments/${id}`,
};

export const api = {
  me: () => get<Me>(paths.me),
  signIn: (username: string, password: string) => call<Me>('POST', '/auth/login', { username, password }),
  signOut: () => call<{ ok: true }>('POST', '/auth/logout'),
  createIncident: (record: Record<string, string>) => call<{ ok: true }>('POST', '/incidents', record),
  createItem: (record: Record<string, string>) => call<{ ok: true }>('POST', '/items', record),
  attach(kind: 'incident' | 'item', ref: string, file: File, caption: string) {
    const form = new FormData();
    // The server reads the caption before the file.
    form.append('caption', caption);
    form.append('file', file, file.name);
    return call<AttachmentView>('POST', `/${kind}s/${enc(ref)}/attachments`, form);
  },
};
