import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, incidentRow, itemRow, registerFiles, KIDAL } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import { settleLeads } from '../leads/queue';

const enc = encodeURIComponent;
interface Page {
  total: number;
  incidents: { record: Record<string, string>; status: string }[];
}
type CursorPage = Page & { nextCursor: string | null };

describe('documenting incidents and items through the API', () => {
  let server: TestServer;
  let analyst: Client;
  let documenter: Client;
  let reviewer: Client;
  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    await settleLeads(server.store.db);
    analyst = await server.signIn('analyst', { username: 'analyst' });
    documenter = await server.signIn('documenter', { username: 'field-team' });
    reviewer = await server.signIn('reviewer');
  });
  afterAll(() => server.close());

  it('lets an analyst create, read, change and delete an incident, each change in its history', async () => {
    const ref = '240101 IED find, Gao';
    const created = await analyst.post(
      '/incidents',
      incidentRow({ ref, date: '2024-01-01', type: 'IED find', admin1: 'Gao', place: 'Gao' }),
    );
    expect(created.status).toBe(201);
    const read = await analyst.get<{ incident: { record: Record<string, string>; status: string } }>(
      `/incidents/${enc(ref)}`,
    );
    expect(read.body.incident.record).toMatchObject({ ref, type: 'ied_find', admin1: 'Gao' });
    expect(read.body.incident.status).toBe('validated');

    const changed = await analyst.put(
      `/incidents/${enc(ref)}`,
      incidentRow({ ref, date: '2024-01-02', type: 'IED find', admin1: 'Gao', place: 'Gao' }),
    );
    expect(changed.status).toBe(200);
    expect(
      (await analyst.delete(`/incidents/${enc(ref)}`, { reason: 'duplicate of an earlier report' })).status,
    ).toBe(200);
    expect((await analyst.get(`/incidents/${enc(ref)}`)).status).toBe(404);
    expect((await analyst.get<Page>(`/incidents?q=${enc('240101')}`)).body.total).toBe(0);

    const history = await analyst.get<{ action: string; actor: string; after: unknown }[]>(
      `/history/incident/${enc(ref)}`,
    );
    expect(history.body.map((h) => h.action)).toEqual(['create', 'update', 'delete']);
    expect(history.body.every((h) => h.actor === 'analyst')).toBe(true);
    expect(history.body[2]!.after).toEqual({ deleted: true, reason: 'duplicate of an earlier report' });
  });

  it('makes a field team’s incident a draft that only they may change until a reviewer validates it', async () => {
    const ref = '240202 Arms cache, Ansongo';
    expect(
      (await documenter.post('/incidents', incidentRow({ ref, date: '2024-02-02', type: 'arms cache' })))
        .status,
    ).toBe(201);
    expect((await documenter.post('/items', itemRow({ ref: 'AN-1', incident_ref: ref }))).status).toBe(201);
    const draft = await analyst.get<{ incident: { status: string } }>(`/incidents/${enc(ref)}`);
    expect(draft.body.incident.status).toBe('draft');

    const colleague = await server.signIn('documenter');
    expect(
      (
        await colleague.put(
          `/incidents/${enc(ref)}`,
          incidentRow({ ref, date: '2024-02-02', type: 'arms cache' }),
        )
      ).status,
    ).toBe(403);
    expect((await documenter.put(`/incidents/${enc(KIDAL)}`, incidentRow())).status).toBe(403);

    expect((await documenter.post(`/incidents/${enc(ref)}/validate`)).status).toBe(403);
    expect((await reviewer.post(`/incidents/${enc(ref)}/validate`)).status).toBe(200);
    expect((await reviewer.post(`/incidents/${enc(ref)}/validate`)).status).toBe(409);
    expect(
      (
        await documenter.put(
          `/incidents/${enc(ref)}`,
          incidentRow({ ref, date: '2024-02-02', type: 'arms cache' }),
        )
      ).status,
    ).toBe(403);
  });

  it('keeps items in step with their incident, and removes one with its reason audited', async () => {
    expect(
      (await analyst.post('/items', itemRow({ ref: 'K-9', incident_ref: KIDAL, quantity: '4' }))).status,
    ).toBe(201);
    expect((await analyst.get<{ record: Record<string, string> }>('/items/K-9')).body.record.quantity).toBe(
      '4',
    );
    expect(
      (await analyst.put('/items/K-9', itemRow({ ref: 'K-9', incident_ref: KIDAL, quantity: '5' }))).status,
    ).toBe(200);
    expect((await analyst.get<{ record: Record<string, string> }>('/items/K-9')).body.record.quantity).toBe(
      '5',
    );
    expect((await analyst.delete('/items/K-9', { reason: 'counted twice' })).status).toBe(200);
    expect((await analyst.get('/items/K-9')).status).toBe(404);
    expect(
      (await analyst.post('/items', itemRow({ ref: 'K-10', incident_ref: 'no such incident' }))).status,
    ).toBe(404);
  });

  it('answers an invalid record with each problem by column, and writes nothing', async () => {
    const before = await countRows(server.store.db);
    const bad = await analyst.post<{ error: string; details: { column: string; message: string }[] }>(
      '/incidents',
      incidentRow({ ref: 'BAD-1', date: '2019-02-30', type: 'picnic', killed: 'many' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.column).sort()).toEqual(['date', 'killed', 'type']);
    const far = await analyst.post<{ details: { column: string; message: string }[] }>(
      '/incidents',
      incidentRow({ ref: 'BAD-2', lat: '95' }),
    );
    expect(far.body.details).toEqual([expect.objectContaining({ column: 'lat' })]);
    expect(await countRows(server.store.db)).toEqual(before);
  });

  it('refuses malformed, mistyped, unknown, oversized and duplicate input with a 4xx and changes nothing', async () => {
    const before = await countRows(server.store.db);
    expect((await analyst.request('POST', '/incidents', undefined, '{"ref": "X",')).status).toBe(400);
    expect((await analyst.post('/incidents', { ...incidentRow({ ref: 'T-1' }), killed: 3 })).status).toBe(
      400,
    );
    expect(
      (await analyst.post('/incidents', { ...incidentRow({ ref: 'T-2' }), secret_field: 'x' })).status,
    ).toBe(400);
    expect(
      (await analyst.post('/incidents', incidentRow({ ref: 'T-3', summary: 'x'.repeat(1_100_000) }))).status,
    ).toBe(413);
    expect((await analyst.post('/incidents', incidentRow({ ref: KIDAL }))).status).toBe(409);
    expect((await analyst.get('/incidents?page=0')).status).toBe(400);
    expect((await analyst.get('/incidents?sort=random')).status).toBe(400);
    expect((await analyst.get('/incidents?unknown=1')).status).toBe(400);
    expect(await countRows(server.store.db)).toEqual(before);
  });

  it('stores hostile text verbatim and never runs it', async () => {
    const ref = "R'); DROP TABLE incidents; --";
    const summary = '<script>alert(1)</script> %_ \\';
    expect((await analyst.post('/incidents', incidentRow({ ref, summary }))).status).toBe(201);
    const read = await analyst.get<{ incident: { record: Record<string, string> } }>(
      `/incidents/${enc(ref)}`,
    );
    expect(read.body.incident.record.summary).toBe(summary);
    // A search reads words, not punctuation: LIKE wildcards match nothing rather than everything,
    // and the words of hostile text are found as words.
    expect((await analyst.get<Page>(`/incidents?q=${enc('%_')}`)).body.total).toBe(0);
    expect((await analyst.get<Page>(`/incidents?q=${enc('script alert DROP')}`)).body.total).toBe(1);
    expect((await analyst.get<Page>('/incidents?pageSize=500')).body.total).toBeGreaterThan(1);
  });

  it('filters, sorts and pages the incident list', async () => {
    const page = await analyst.get<Page>(
      `/incidents?type=ied_attack&country=ml&q=${enc('lead vehicle')}&sort=date&pageSize=1`,
    );
    expect(page.body.total).toBe(1);
    expect(page.body.incidents[0]!.record.ref).toBe(KIDAL);
    const second = await analyst.get<Page>('/incidents?sort=ref&pageSize=1&page=2');
    const all = await analyst.get<Page>('/incidents?sort=ref&pageSize=500');
    expect(second.body.incidents[0]!.record.ref).toBe(all.body.incidents[1]!.record.ref);
    expect(
      (await analyst.get<Page>('/incidents?hasItems=false')).body.incidents.every(
        (i) => i.record.ref !== KIDAL,
      ),
    ).toBe(true);
  });

  it('pages by cursor in every order, each incident once, in the order of the page numbers', async () => {
    // Several incidents of one day, so that pages end among the ties of a day.
    for (const n of [1, 2, 3, 4, 5])
      expect(
        (await analyst.post('/incidents', incidentRow({ ref: `TIE-${n}`, date: '2019-05-05' }))).status,
      ).toBe(201);
    for (const sort of ['-date', 'date', 'ref']) {
      const all = (await analyst.get<CursorPage>(`/incidents?sort=${sort}&pageSize=500`)).body;
      expect(all.nextCursor).toBeNull();
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const after: string = cursor ? `&cursor=${enc(cursor)}` : '';
        const page = await analyst.get<CursorPage>(`/incidents?sort=${sort}&pageSize=2${after}`);
        expect([sort, page.status, page.body.total]).toEqual([sort, 200, all.total]);
        walked.push(...page.body.incidents.map((i) => i.record.ref!));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect([sort, walked]).toEqual([sort, all.incidents.map((i) => i.record.ref)]);
      // Page numbers still work, and agree.
      const third = await analyst.get<CursorPage>(`/incidents?sort=${sort}&pageSize=2&page=3`);
      expect(third.body.incidents.map((i) => i.record.ref)).toEqual(walked.slice(4, 6));
    }
  });

  it('refuses a cursor it did not give, or one of another order, with a clear error', async () => {
    const first = (await analyst.get<CursorPage>('/incidents?sort=ref&pageSize=1')).body;
    const cursor = first.nextCursor!;
    const foreign = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const bad of [
      'x',
      '~~~',
      cursor.slice(0, -3),
      foreign(['ref']),
      foreign(['-date', '2021-13-45', 'A']),
      foreign(['-date', '2021-01-01']),
      foreign({ sort: 'ref', ref: 'A' }),
    ]) {
      const response = await analyst.get<{ error: string }>(`/incidents?sort=ref&cursor=${enc(bad)}`);
      expect([bad, response.status, response.body.error]).toEqual([
        bad,
        400,
        'cursor: not a cursor of this list in this order; take `nextCursor` from the last page',
      ]);
    }
    expect((await analyst.get(`/incidents?sort=-date&cursor=${enc(cursor)}`)).status).toBe(400);
    expect((await analyst.get(`/incidents?cursor=${'a'.repeat(1001)}`)).status).toBe(400);
  });

  it('counts a selection again once the register changes, and each viewer what they may see', async () => {
    const total = async (client: Client, query: string) =>
      (await client.get<CursorPage>(`/incidents?${query}`)).body.total;
    const before = await total(analyst, 'type=seizure');
    expect(await total(analyst, 'type=seizure&page=2')).toBe(before);
    const hidden = incidentRow({ ref: 'SEIZ-SC', type: 'Seizure', classification: 'strictly_confidential' });
    expect((await analyst.post('/incidents', hidden)).status).toBe(201);
    expect(await total(analyst, 'type=seizure')).toBe(before + 1);
    // The reviewer asks for the same selection just after: counted for them, not taken from the analyst.
    expect(await total(reviewer, 'type=seizure')).toBe(before);
  });

  it('compresses a large answer for a client that accepts it, and not a small one', async () => {
    const get = (path: string, encoding: string) =>
      fetch(`${server.url}${path}`, { headers: { cookie: analyst.cookie, 'accept-encoding': encoding } });
    const large = await get('/incidents?pageSize=500', 'br, gzip');
    expect([large.headers.get('content-encoding'), (await large.json()).total]).toEqual([
      'br',
      expect.any(Number),
    ]);
    expect((await get('/incidents?pageSize=500', 'gzip')).headers.get('content-encoding')).toBe('gzip');
    expect((await get('/incidents?pageSize=500', 'identity')).headers.get('content-encoding')).toBeNull();
    const small = await get(`/incidents?q=${enc('no such incident anywhere')}`, 'br, gzip');
    expect([small.status, small.headers.get('content-encoding')]).toEqual([200, null]);
  });

  it('previews an import with its row errors, then imports, through the API', async () => {
    const csv =
      'ref,incident_ref,category,quantity\nIMP-1,' +
      `"${KIDAL}"` +
      ',ammunition,3\nIMP-2,' +
      `"${KIDAL}"` +
      ',spoon,1\n';
    const file = { name: '../../etc/items.csv', content: Buffer.from(csv).toString('base64') };
    const preview = await analyst.post<{
      ok: boolean;
      errors: { file: string; line: number; column: string }[];
    }>('/import', {
      dryRun: true,
      files: [file],
    });
    expect(preview.body.ok).toBe(false);
    expect(preview.body.errors).toEqual([
      expect.objectContaining({ file: 'items.csv', line: 3, column: 'category' }),
    ]);
    const fixed = { ...file, content: Buffer.from(csv.replace('spoon', 'ammunition')).toString('base64') };
    const dry = await analyst.post<{ ok: boolean; tables: { created: number }[] }>('/import', {
      dryRun: true,
      files: [fixed],
    });
    expect(dry.body.tables[0]!.created).toBe(2);
    expect((await analyst.get('/items/IMP-1')).status).toBe(404);
    expect((await analyst.post<{ ok: boolean }>('/import', { files: [fixed] })).body.ok).toBe(true);
    expect((await analyst.get('/items/IMP-1')).status).toBe(200);
    expect(
      (await analyst.post('/import', { files: [{ name: 'x.csv', content: 'not base64!' }] })).status,
    ).toBe(400);
  });

  it('describes every route in its OpenAPI document, and answers health checks', async () => {
    const doc = await server
      .anonymous()
      .get<{ openapi: string; paths: Record<string, unknown> }>('/openapi.json');
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/incidents',
      '/api/v1/incidents/{ref}',
      '/api/v1/samples/suggest',
      '/api/v1/leads',
      '/api/v1/import',
      '/api/v1/auth/login',
      '/api/v1/places',
      '/api/v1/places/towns',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    const health = await fetch(server.url.replace('/api/v1', '/healthz'));
    expect(await health.json()).toMatchObject({ ok: true });
  });
});
