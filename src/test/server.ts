import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { systemViewer, type Role } from '../access/policy';
import type { Store } from '../db/store';
import { settleLeads } from '../leads/queue';
import type { LeadSettings } from '../leads/settings';
import { buildServer } from '../server/app';
import { setRelease } from '../releases/releases.service';
import { importFiles } from '../transfer/import';
import { createUser } from '../users/users.service';
import { registerFiles } from './fixtures';
import { testStore } from './store';

export interface Response<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A client of the real server over HTTP, keeping its session cookie like a browser. */
export class Client {
  cookie = '';
  constructor(
    readonly base: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    raw?: string,
  ): Promise<Response<T>> {
    const headers: Record<string, string> = { ...this.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined || raw !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: the test sees the text.
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  /** A multipart upload, as a browser form sends it: fields first, then the file. */
  async upload<T = unknown>(
    path: string,
    file: { name: string; data: Uint8Array },
    fields: Record<string, string> = {},
  ) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(file.data)]), file.name);
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie },
      body: form,
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text.startsWith('{') ? JSON.parse(text) : text) as T,
      headers: response.headers,
    };
  }

  get = <T = unknown>(path: string) => this.request<T>('GET', path);
  post = <T = unknown>(path: string, body?: unknown) => this.request<T>('POST', path, body);
  put = <T = unknown>(path: string, body?: unknown) => this.request<T>('PUT', path, body);
  delete = <T = unknown>(path: string, body?: unknown) => this.request<T>('DELETE', path, body);
}

export const PASSWORD = 'a long test password';

export interface TestServer {
  store: Store;
  evidenceDir: string;
  app: FastifyInstance;
  url: string;
  /** A signed-in client for a new account of this role. */
  signIn(role: Role, options?: { username?: string; partner?: string }): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

/**
 * The real server on a free loopback port, over a fresh test store. Its findings follow writes in
 * the background: `settleLeads(server.store.db)` before reading them after a write.
 */
export async function startServer(
  options: { webDir?: string; leadSettings?: LeadSettings } = {},
): Promise<TestServer> {
  const store = await testStore();
  const evidenceDir = await mkdtemp(join(tmpdir(), 'headstamp-evidence-'));
  const app = await buildServer({
    store,
    secret: 'test secret that is long enough to sign cookies',
    evidenceDir,
    maxUploadBytes: 256 * 1024,
    leadSettings: options.leadSettings,
    // The web application, for the browser tests (web/tests).
    webDir: options.webDir,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
  let accounts = 0;
  return {
    store,
    evidenceDir,
    app,
    url,
    anonymous: () => new Client(url),
    async signIn(role, options = {}) {
      const username = options.username ?? `${role}-${++accounts}`;
      const partner = role === 'partner' ? (options.partner ?? 'Panel of Experts') : null;
      await createUser(
        store.db,
        { username, displayName: username, role, partner, password: PASSWORD },
        'test',
      );
      const client = new Client(url);
      const login = await client.post('/auth/login', { username, password: PASSWORD });
      if (login.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(login.body)}`);
      return client;
    },
    async close() {
      await app.close();
      await store.close();
      await rm(evidenceDir, { recursive: true, force: true });
    },
  };
}

/**
 * The server over the small register of the fixtures, with an analyst and a partner of the
 * "Panel of Experts" to whom the `released` incidents are released.
 */
export async function startRegisterServer(released: string[] = []) {
  const server = await startServer();
  const report = await importFiles(server.store.db, registerFiles(), { user: 'test' });
  if (report.errors.length > 0)
    throw new Error(`the test register did not import: ${JSON.stringify(report.errors)}`);
  await settleLeads(server.store.db);
  const analyst = await server.signIn('analyst');
  const partner = await server.signIn('partner', { partner: 'Panel of Experts' });
  for (const ref of released) await setRelease(server.store.db, systemViewer, ref, 'Panel of Experts', true);
  return { server, analyst, partner };
}
