import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  csv,
  embargoRow,
  itemRow,
  KIDAL,
  registerFiles,
  SEVARE,
  smallRegister,
} from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles, MAX_LISTED_CHANGES } from '../transfer/import';

const enc = encodeURIComponent;
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

interface ImportAnswer {
  ok: boolean;
  errors: { file: string; line?: number; column?: string; message: string }[];
  tables: { file: string; created: number; updated: number; unchanged: number }[];
  changes: { file: string; line: number; kind: string; key: string; change: string }[];
}
interface Release {
  incident: string;
  partner: string;
  releasedAt: string;
  releasedBy: string | null;
}

/** What the administration pages of the web application ask of the API. */
describe('administration through the API', () => {
  let server: TestServer;
  let admin: Client;
  let analyst: Client;
  let partner: Client;
  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    admin = await server.signIn('administrator', { username: 'admin' });
    analyst = await server.signIn('analyst', { username: 'analyst' });
    partner = await server.signIn('partner', { username: 'panel', partner: 'Panel of Experts' });
  });
  afterAll(() => server.close());

  it('lists the rows an import would add or change, by file and line, without writing them', async () => {
    const items = csv([
      itemRow({ ref: 'M-00003', incident_ref: KIDAL, quantity: '13' }),
      itemRow({ ref: 'NEW-1', incident_ref: SEVARE }),
      // As it stands in the register: unchanged.
      smallRegister().items.find((item) => item.ref === 'M-00002')!,
    ]);
    const before = await countRows(server.store.db);
    const preview = await admin.post<ImportAnswer>('/import', {
      dryRun: true,
      files: [{ name: 'items.csv', content: base64(items) }],
    });
    expect(preview.status).toBe(200);
    expect(preview.body.ok).toBe(true);
    expect(preview.body.changes).toEqual([
      { file: 'items.csv', line: 2, kind: 'items', key: 'M-00003', change: 'update' },
      { file: 'items.csv', line: 3, kind: 'items', key: 'NEW-1', change: 'create' },
    ]);
    expect(preview.body.tables).toEqual([expect.objectContaining({ created: 1, updated: 1, unchanged: 1 })]);
    expect(await countRows(server.store.db)).toEqual(before);
  });

  it('names at most a preview’s worth of changed rows, and counts them all', async () => {
    const rows = Array.from({ length: MAX_LISTED_CHANGES + 20 }, (_, n) =>
      itemRow({ ref: `BULK-${n}`, incident_ref: SEVARE }),
    );
    const preview = await admin.post<ImportAnswer>('/import', {
      dryRun: true,
      files: [{ name: 'items.csv', content: base64(csv(rows)) }],
    });
    expect(preview.body.ok).toBe(true);
    expect(preview.body.changes).toHaveLength(MAX_LISTED_CHANGES);
    expect(preview.body.tables[0]!.created).toBe(MAX_LISTED_CHANGES + 20);
  });

  it('reports each bad row with its line and column, and lists no change', async () => {
    const items = csv([
      itemRow({ ref: 'GOOD-1', incident_ref: SEVARE }),
      itemRow({ ref: 'BAD-1', incident_ref: SEVARE, category: 'spoon' }),
      itemRow({ ref: 'BAD-2', incident_ref: 'no such incident' }),
    ]);
    const before = await countRows(server.store.db);
    const answer = await admin.post<ImportAnswer>('/import', {
      dryRun: false,
      files: [{ name: 'items.csv', content: base64(items) }],
    });
    expect(answer.body.ok).toBe(false);
    // Both at once: a row refused on its own does not hide another that names nothing.
    expect(answer.body.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'category'],
      [4, 'incident_ref'],
    ]);
    expect(answer.body.changes).toEqual([]);
    expect(await countRows(server.store.db)).toEqual(before);
  });

  it('refuses malformed and hostile import requests, and writes nothing', async () => {
    const before = await countRows(server.store.db);
    const file = { name: 'items.csv', content: base64(csv([itemRow({ ref: 'H-1', incident_ref: SEVARE })])) };
    for (const body of [
      { dryRun: 'yes', files: [file] },
      { files: [] },
      { files: [{ ...file, content: '%%%not base64' }] },
      { files: [{ ...file, name: '' }] },
      { files: [{ ...file, name: 'x'.repeat(300) }] },
      { files: [{ ...file, kind: 'users' }] },
      { files: [file], sql: 'drop table items' },
      { files: Array.from({ length: 21 }, () => file) },
    ]) {
      const answer = await admin.post('/import', body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    // Truncated JSON.
    expect((await admin.request('POST', '/import', undefined, '{"files":[{"name":"items.csv"')).status).toBe(
      400,
    );
    // A file that is not what its name says: reported, not written.
    const binary = await admin.post<ImportAnswer>('/import', {
      files: [{ name: 'items.csv', content: Buffer.from([0, 1, 2, 255, 0]).toString('base64') }],
    });
    expect(binary.body.ok).toBe(false);
    expect(binary.body.errors[0]!.message).toMatch(/binary/);
    expect(await countRows(server.store.db)).toEqual(before);
  });

  it('lists every release with who made it, and follows releases and withdrawals', async () => {
    expect((await admin.get<Release[]>('/releases')).body).toEqual([]);
    expect((await admin.put(`/incidents/${enc(KIDAL)}/releases/${enc('Panel of Experts')}`)).status).toBe(
      200,
    );
    expect((await analyst.put(`/incidents/${enc(SEVARE)}/releases/${enc('Group of Experts')}`)).status).toBe(
      200,
    );
    const releases = await admin.get<Release[]>('/releases');
    expect(releases.body.map((r) => [r.partner, r.incident, r.releasedBy])).toEqual([
      ['Group of Experts', SEVARE, 'analyst'],
      ['Panel of Experts', KIDAL, 'admin'],
    ]);
    expect(Number.isNaN(Date.parse(releases.body[0]!.releasedAt))).toBe(false);
    // The partner now sees Kidal, and not once the release is withdrawn.
    expect((await partner.get(`/incidents/${enc(KIDAL)}`)).status).toBe(200);
    expect((await partner.get('/releases')).status).toBe(403);
    expect((await admin.delete(`/incidents/${enc(KIDAL)}/releases/${enc('Panel of Experts')}`)).status).toBe(
      200,
    );
    expect((await partner.get(`/incidents/${enc(KIDAL)}`)).status).toBe(404);
    expect((await analyst.get<Release[]>('/releases')).body.map((r) => r.incident)).toEqual([SEVARE]);

    const audited = await server.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity', '=', 'release')
      .where('entity_key', '=', `${KIDAL} → Panel of Experts`)
      .orderBy('id')
      .execute();
    expect(audited.map((a) => [a.action, a.actor])).toEqual([
      ['create', 'admin'],
      ['delete', 'admin'],
    ]);
  });

  it('lists the partner organisations known: of accounts, and of releases of incidents and case files', async () => {
    const caseFile = await admin.post<{ id: number }>('/case-files', { title: 'For the Commission' });
    await admin.put(`/case-files/${caseFile.body.id}/releases/${enc('ECOWAS Commission')}`);
    await admin.put(`/incidents/${enc(SEVARE)}/releases/${enc('Group of Experts')}`);
    expect((await analyst.get<string[]>('/partners')).body).toEqual([
      'ECOWAS Commission',
      'Group of Experts',
      'Panel of Experts',
    ]);
    expect((await partner.get('/partners')).status).toBe(403);
  });

  it('refuses a release to a blank or overlong partner name, or of an unknown incident', async () => {
    const before = (await admin.get<Release[]>('/releases')).body;
    for (const [path, status] of [
      [`/incidents/${enc(KIDAL)}/releases/${enc('   ')}`, 400],
      // Longer than a path parameter may be: refused before it reaches the route.
      [`/incidents/${enc(KIDAL)}/releases/${enc('x'.repeat(201))}`, 414],
      [`/incidents/${enc(KIDAL)}/releases/${enc('x'.repeat(90))}%00`, 400],
      [`/incidents/${enc('no such incident')}/releases/Panel`, 404],
    ] as const) {
      expect((await admin.put(path)).status, path).toBe(status);
    }
    // PostgreSQL cannot store a NUL: refused in any address, not a server error.
    expect((await admin.get(`/incidents/${enc(KIDAL)}%00/releases`)).status).toBe(400);
    expect((await admin.get('/items/M-00003%00')).status).toBe(400);
    expect((await admin.get<Release[]>('/releases')).body).toEqual(before);
  });

  it('refuses a NUL character in a request body as bad input, and creates nothing', async () => {
    const user = { username: 'nul-test', role: 'analyst', password: 'a long enough password' };
    const refused = await admin.post('/users', { ...user, displayName: 'A\u0000B' });
    expect(refused.status).toBe(400);
    expect((await admin.get<{ username: string }[]>('/users')).body.map((u) => u.username)).not.toContain(
      'nul-test',
    );
    const file = { name: 'items\u0000.csv', content: base64('ref\n') };
    expect((await admin.post('/import', { dryRun: true, files: [file] })).status).toBe(400);
    // The text `\u0000`, written with an escaped backslash, is not a NUL.
    const text = await admin.post<{ username: string }>('/users', { ...user, displayName: 'A\\u0000B' });
    expect(text.status).toBe(201);
    const stored = await server.store.db
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', 'nul-test')
      .executeTakeFirstOrThrow();
    expect(stored.display_name).toBe('A\\u0000B');
  });

  it('gives the listed actors of an actor-based embargo', async () => {
    const embargoes = await partner.get<{ regime: string; scope: string; actors: string[] }[]>('/embargoes');
    expect(embargoes.body.map((e) => [e.regime, e.scope, e.actors])).toEqual([
      ['Côte d’Ivoire arms embargo (UNSC 1572)', 'territory', []],
      [embargoRow().regime, 'actors', ['JNIM', 'Katibat Macina']],
    ]);
  });
});
