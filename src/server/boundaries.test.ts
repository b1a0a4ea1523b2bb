import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, incidentRow, itemRow, registerFiles } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import { settleLeads } from '../leads/queue';

const enc = encodeURIComponent;
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da636460f80f0000040101006b4a3c0a0000000049454e44ae426082',
  'hex',
);
const SECRET = '230101 Seizure, Anefis';
const SECRET_ITEM = 'M-03027';

/** What callers send at the edges of the API: filters, odd text, references they cannot see. */
describe('the edges of the API', () => {
  let server: TestServer;
  let analyst: Client;
  let documenter: Client;
  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    await settleLeads(server.store.db);
    analyst = await server.signIn('analyst');
    documenter = await server.signIn('documenter');
    const secret = incidentRow({ ref: SECRET, classification: 'strictly_confidential', admin1: '50% Gao_x' });
    expect((await analyst.post('/incidents', secret)).status).toBe(201);
    expect((await analyst.post('/items', itemRow({ ref: SECRET_ITEM, incident_ref: SECRET }))).status).toBe(
      201,
    );
  });
  afterAll(() => server.close());

  it('reads a backslash, % and _ in a filter as themselves on every route that filters incidents', async () => {
    for (const route of ['/incidents', '/incident-points', '/incident-export?format=geojson&', '/links']) {
      const path = (query: string) => (route.includes('?') ? `${route}${query}` : `${route}?${query}`);
      for (const value of ['\\', 'Gao\\', '%', '_', '%\\%']) {
        for (const filter of ['admin1', 'actor', 'q']) {
          const response = await analyst.get(path(`${filter}=${enc(value)}`));
          expect([route, filter, value, response.status]).toEqual([route, filter, value, 200]);
        }
      }
    }
    const count = async (query: string) =>
      (await analyst.get<{ total: number }>(`/incidents?${query}`)).body.total;
    expect(await count(`admin1=${enc('%')}`)).toBe(0);
    expect(await count(`admin1=${enc('_idal')}`)).toBe(0);
    expect(await count(`admin1=${enc('kidal')}`)).toBe(1);
    expect(await count(`admin1=${enc('50% gao_x')}`)).toBe(1);
    expect(await count(`actor=${enc('%')}`)).toBe(0);
  });

  it('answers 400, and stores nothing, for a NUL in a multipart caption and a lone surrogate in JSON', async () => {
    const before = await countRows(server.store.db);
    const nul = await analyst.upload<{ error: string }>(
      '/items/M-00003/attachments',
      { name: 'x.png', data: PNG },
      { caption: 'seal\u0000 broken' },
    );
    expect([nul.status, nul.body.error]).toEqual([400, 'the caption holds a NUL character']);
    for (const raw of [
      '{"title":"a\\ud800b"}',
      '{"title":"ok","finding":"\\udc00"}',
      '{"title":"ok","\\ud800":"key"}',
      '{"title":"nul \\u0000"}',
    ]) {
      const response = await analyst.request<{ error: string }>('POST', '/case-files', undefined, raw);
      expect([raw, response.status]).toEqual([raw, 400]);
    }
    const surrogate = await analyst.request(
      'PUT',
      `/items/M-00003`,
      undefined,
      '{"ref":"M-00003","notes":"\\ud83d"}',
    );
    expect(surrogate.status).toBe(400);
    // A whole pair is one character (an emoji), and an escaped backslash before u0000 is text.
    const pair = await analyst.request<{ id: number }>(
      'POST',
      '/case-files',
      undefined,
      '{"title":"🔫 \\ud83d\\udca5 \\\\u0000"}',
    );
    expect(pair.status).toBe(201);
    expect(await countRows(server.store.db)).toMatchObject({ ...before, audit_log: before.audit_log + 1 });
  });

  it('answers a documenter the same for a hidden reference as for a visible one, naming nothing of it', async () => {
    const hidden = await documenter.post<{ error: string }>('/incidents', incidentRow({ ref: SECRET }));
    const visible = await documenter.post<{ error: string }>('/incidents', incidentRow());
    expect(hidden.status).toBe(409);
    expect(visible.status).toBe(409);
    expect(hidden.body.error).toBe(`the reference "${SECRET}" cannot be used: choose another`);
    expect(visible.body.error.replace(incidentRow().ref!, SECRET)).toBe(hidden.body.error);
    const draft = '240101 IED find, Tessit';
    expect((await documenter.post('/incidents', incidentRow({ ref: draft }))).status).toBe(201);
    const hiddenItem = await documenter.post<{ error: string }>(
      '/items',
      itemRow({ ref: SECRET_ITEM, incident_ref: draft }),
    );
    expect([hiddenItem.status, hiddenItem.body.error]).toEqual([
      409,
      `the reference "${SECRET_ITEM}" cannot be used: choose another`,
    ]);
    expect(JSON.stringify([hidden.body, hiddenItem.body])).not.toMatch(
      /strictly|confidential|exists|incident "/i,
    );
  });

  it('shows where reference entries come from only to the roles that may see sources', async () => {
    const sources = async (client: Client, path: string) =>
      new Set((await client.get<{ source: string }[]>(path)).body.map((r) => r.source));
    for (const path of ['/baselines', '/reference/manufacturers']) {
      expect([...(await sources(analyst, path))].some((s) => s !== '')).toBe(true);
      for (const role of ['reviewer', 'documenter', 'partner'] as const) {
        const client = role === 'documenter' ? documenter : await server.signIn(role);
        expect([path, role, [...(await sources(client, path))]]).toEqual([path, role, ['']]);
      }
    }
  });
});
