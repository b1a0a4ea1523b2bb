import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/store';
import { csv, countRows, incidentRow, itemRow, KIDAL, registerFiles, SEVARE, SOFARA } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import { settleLeads } from '../leads/queue';

// Correcting the register through the API: editing in place, reviewing drafts (validate or send
// back with a comment), deleting with a reason (soft: hidden from every read, kept with its
// history) and restoring; who may do each; and hostile input, which changes nothing.

const enc = encodeURIComponent;
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da636460f80f0000040101006b4a3c0a0000000049454e44ae426082',
  'hex',
);

interface Review {
  decision: string;
  comment: string | null;
  reviewer: string;
  at: string;
}
interface IncidentPage {
  incident: { record: Record<string, string>; status: string; items: number };
  items: { record: Record<string, string> }[];
  leads: { items: string[]; incidents: string[] }[];
  reviews: Review[];
  can: { change: boolean; review: boolean };
}
interface HistoryEntry {
  actor: string;
  action: string;
  entity: string;
  key: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
interface Deleted {
  incidents: { ref: string; reason: string; deletedBy: string | null }[];
  items: { ref: string; incident: string; reason: string; deletedBy: string | null }[];
}
interface Stats {
  items: { total: number; quantity: number };
  incidents: { total: number };
}

/** Everything a refused request must leave as it was: the register, the audit log and the reviews. */
async function state(db: Db) {
  const { rows } = await sql<{ reviews: number; deleted: number }>`
    select (select count(*) from incident_reviews)::int as reviews,
           ((select count(*) from incidents where deleted_at is not null)
             + (select count(*) from items where deleted_at is not null))::int as deleted`.execute(db);
  return { ...(await countRows(db)), ...rows[0]! };
}

describe('correcting the register: edit, review, delete and restore', () => {
  let server: TestServer;
  let admin: Client;
  let analyst: Client;
  let reviewer: Client;
  let documenter: Client;
  let colleague: Client;
  let partner: Client;
  const page = (client: Client, ref: string) => client.get<IncidentPage>(`/incidents/${enc(ref)}`);
  const history = (client: Client, ref: string) =>
    client.get<HistoryEntry[]>(`/history/incident/${enc(ref)}`);

  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    admin = await server.signIn('administrator', { username: 'admin' });
    analyst = await server.signIn('analyst', { username: 'analyst' });
    reviewer = await server.signIn('reviewer', { username: 'reviewer' });
    documenter = await server.signIn('documenter', { username: 'field-team' });
    colleague = await server.signIn('documenter', { username: 'other-team' });
    partner = await server.signIn('partner', { partner: 'Panel of Experts' });
    expect((await analyst.put(`/incidents/${enc(KIDAL)}/releases/${enc('Panel of Experts')}`)).status).toBe(
      200,
    );
  });
  afterAll(() => server.close());

  it('sends a draft back with a comment its documenter reads, lets them correct it, then validates it', async () => {
    const ref = '240305 Arms cache, Ménaka';
    const row = incidentRow({
      ref,
      date: '2024-03-05',
      type: 'arms cache',
      admin1: 'Ménaka',
      place: 'Ménaka',
    });
    expect((await documenter.post('/incidents', row)).status).toBe(201);

    const seen = await page(reviewer, ref);
    expect(seen.body.can).toEqual({ change: false, review: true });
    expect((await page(documenter, ref)).body.can).toEqual({ change: true, review: false });
    expect((await page(analyst, ref)).body.can).toEqual({ change: true, review: true });

    const comment = 'Give the grid reference of the cache, and who found it.';
    expect(
      (await reviewer.post(`/incidents/${enc(ref)}/send-back`, { comment: `  ${comment} ` })).status,
    ).toBe(200);
    const returned = await page(documenter, ref);
    expect(returned.body.incident.status).toBe('draft');
    expect(returned.body.reviews).toEqual([
      { decision: 'sent_back', comment, reviewer: 'reviewer', at: expect.any(String) },
    ]);
    expect(returned.body.can.change).toBe(true);

    expect(
      (await documenter.put(`/incidents/${enc(ref)}`, { ...row, target: 'a cache in a wadi' })).status,
    ).toBe(200);
    expect((await reviewer.post(`/incidents/${enc(ref)}/validate`)).status).toBe(200);
    const validated = await page(documenter, ref);
    expect(validated.body.incident.status).toBe('validated');
    expect(validated.body.incident.record.target).toBe('a cache in a wadi');
    expect(validated.body.reviews.map((r) => r.decision)).toEqual(['sent_back', 'validated']);
    expect(validated.body.can).toEqual({ change: false, review: false });

    // The documenter reads the history of their record: the comment, their correction, the validation.
    const trail = (await history(documenter, ref)).body;
    expect(trail.map((h) => [h.actor, h.action, h.after?.review ?? null])).toEqual([
      ['field-team', 'create', null],
      ['reviewer', 'update', 'sent_back'],
      ['field-team', 'update', null],
      ['reviewer', 'update', 'validated'],
    ]);
    expect(trail[1]!.after).toMatchObject({ status: 'draft', comment });

    // Decided: neither sent back again nor changed by its documenter.
    const before = await state(server.store.db);
    const late = await reviewer.post<{ code: string }>(`/incidents/${enc(ref)}/send-back`, {
      comment: 'Too late now.',
    });
    // A stable code the web application words in the reader's language.
    expect([late.status, late.body.code]).toEqual([409, 'not_a_draft']);
    expect((await reviewer.post(`/incidents/${enc(ref)}/validate`)).status).toBe(409);
    expect((await documenter.put(`/incidents/${enc(ref)}`, row)).status).toBe(403);
    expect(await state(server.store.db)).toEqual(before);
  });

  it('refuses a send-back without a real comment, from the wrong role or of the wrong record, and changes nothing', async () => {
    const ref = '240306 Arms cache, Gao';
    expect(
      (await documenter.post('/incidents', incidentRow({ ref, date: '2024-03-06', type: 'arms cache' })))
        .status,
    ).toBe(201);
    const before = await state(server.store.db);
    const path = `/incidents/${enc(ref)}/send-back`;
    for (const body of [
      undefined,
      {},
      { comment: '' },
      { comment: '   ' },
      { comment: 'no' },
      { comment: 'x'.repeat(2001) },
      { comment: 42 },
      { comment: ['Give the grid reference.'] },
      { comment: 'Give the grid reference.', status: 'validated' },
    ]) {
      const answer = await reviewer.post<{ error: string }>(path, body);
      expect([JSON.stringify(body), answer.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await reviewer.request('POST', path, undefined, '{"comment": "Give')).status).toBe(400);
    expect((await reviewer.post(path, { comment: 'Give the grid reference.\u0000' })).status).toBe(400);
    const comment = { comment: 'Give the grid reference.' };
    expect((await documenter.post(path, comment)).status).toBe(403);
    expect((await partner.post(path, comment)).status).toBe(403);
    expect((await reviewer.post(`/incidents/${enc(KIDAL)}/send-back`, comment)).status).toBe(409);
    expect((await reviewer.post('/incidents/no%20such%20incident/send-back', comment)).status).toBe(404);
    expect(await state(server.store.db)).toEqual(before);
    expect((await page(documenter, ref)).body.reviews).toEqual([]);
  });

  it('deletes an item with its reason: gone from reads, lists, counts, exports, searches and leads, kept in history', async () => {
    const stats = async () => (await analyst.get<{ register: Stats }>('/stats')).body.register.items;
    const counted = async () =>
      (await analyst.get<{ incidents: { record: { ref: string }; items: number }[] }>('/incidents?q=Sévaré'))
        .body.incidents[0]!.items;
    const exported = async () => {
      const text = (await analyst.get<string>(`/incident-export?format=geojson&q=${enc('Sévaré')}`)).body;
      const geojson = (typeof text === 'string' ? JSON.parse(text) : text) as {
        features: { properties: { ref: string; items: number } }[];
      };
      return geojson.features.find((f) => f.properties.ref === SEVARE)!.properties.items;
    };
    const found = async () => (await analyst.get<{ total: number }>('/incidents?q=QX-5521')).body.total;
    const citing = async () =>
      (await settleLeads(server.store.db),
      await analyst.get<{ items: string[] }[]>('/leads?limit=500')).body.filter((l) =>
        l.items.includes('S-DEL'),
      ).length;
    const photos = async () =>
      (await analyst.get<{ item: string | null }[]>(`/incidents/${enc(SEVARE)}/attachments`)).body.filter(
        (a) => a.item === 'S-DEL',
      ).length;

    const [itemsBefore, countBefore, exportBefore] = [await stats(), await counted(), await exported()];
    expect(
      (
        await analyst.post(
          '/items',
          itemRow({
            ref: 'S-DEL',
            incident_ref: SEVARE,
            lot: 'QX-5521',
            quantity: '7',
            markings: '61 15',
          }),
        )
      ).status,
    ).toBe(201);
    expect((await analyst.upload('/items/S-DEL/attachments', { name: 'base.png', data: PNG })).status).toBe(
      201,
    );
    expect(await stats()).toMatchObject({
      total: itemsBefore.total + 1,
      quantity: itemsBefore.quantity + 7,
    });
    expect([await counted(), await exported(), await found(), await photos()]).toEqual([
      countBefore + 1,
      exportBefore + 1,
      1,
      1,
    ]);
    expect(await citing()).toBeGreaterThan(0);

    expect(
      (await analyst.delete('/items/S-DEL', { reason: 'counted twice: same casings as M-00004' })).status,
    ).toBe(200);
    expect((await analyst.get('/items/S-DEL')).status).toBe(404);
    expect((await page(analyst, SEVARE)).body.items.map((i) => i.record.ref)).not.toContain('S-DEL');
    expect(await stats()).toEqual(itemsBefore);
    expect([await counted(), await exported(), await found(), await photos(), await citing()]).toEqual([
      countBefore,
      exportBefore,
      0,
      0,
      0,
    ]);
    expect((await analyst.get(`/samples/${enc('ammo:7.62x39:cn-61:2015')}`)).status).toBe(200);

    const trail = (await history(analyst, SEVARE)).body.filter((h) => h.key === 'S-DEL');
    expect(trail.map((h) => h.action)).toEqual(['create', 'delete']);
    expect(trail[1]!.after).toEqual({ deleted: true, reason: 'counted twice: same casings as M-00004' });
    const deleted = (await admin.get<Deleted>('/deleted')).body;
    expect(deleted.items).toContainEqual(
      expect.objectContaining({
        ref: 'S-DEL',
        incident: SEVARE,
        reason: 'counted twice: same casings as M-00004',
        deletedBy: 'analyst',
      }),
    );
  });

  it('refuses to change, delete again or import a deleted item, saying so, and changes nothing', async () => {
    const before = await state(server.store.db);
    const again = await analyst.delete<{ error: string }>('/items/S-DEL', { reason: 'counted twice again' });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe(
      'item "S-DEL" was deleted (counted twice: same casings as M-00004): an administrator may restore it',
    );
    expect(again.body).toMatchObject({
      code: 'record_deleted',
      params: { kind: 'item', ref: 'S-DEL', reason: 'counted twice: same casings as M-00004' },
    });
    const edit = await analyst.put<{ error: string }>(
      '/items/S-DEL',
      itemRow({ ref: 'S-DEL', incident_ref: SEVARE }),
    );
    expect([edit.status, edit.body.error]).toEqual([409, again.body.error]);
    expect((await analyst.upload('/items/S-DEL/attachments', { name: 'x.png', data: PNG })).status).toBe(409);
    expect(
      (
        await analyst.post('/items/S-DEL/custody', {
          event: 'examined',
          at: '2024-01-01T10:00:00Z',
          by: 'lab',
        })
      ).status,
    ).toBe(409);
    // Its reference stays taken: a new item cannot take it over.
    expect((await analyst.post('/items', itemRow({ ref: 'S-DEL', incident_ref: SEVARE }))).status).toBe(409);
    const imported = await analyst.post<{ ok: boolean; errors: { column: string; message: string }[] }>(
      '/import',
      {
        dryRun: false,
        files: [
          {
            name: 'items.csv',
            content: Buffer.from(
              csv([itemRow({ ref: 'S-DEL', incident_ref: SEVARE, quantity: '9' })]),
            ).toString('base64'),
          },
        ],
      },
    );
    expect(imported.body.ok).toBe(false);
    expect(imported.body.errors).toEqual([
      expect.objectContaining({ column: 'ref', message: expect.stringContaining('"S-DEL" was deleted') }),
    ]);
    expect(await state(server.store.db)).toEqual(before);
  });

  it('lets only an administrator restore a deleted item, once', async () => {
    const before = await state(server.store.db);
    for (const client of [analyst, reviewer, documenter, partner])
      expect((await client.post('/items/S-DEL/restore')).status).toBe(403);
    expect(await state(server.store.db)).toEqual(before);
    expect((await admin.post('/items/S-DEL/restore')).status).toBe(200);
    expect((await analyst.get<{ record: { quantity: string } }>('/items/S-DEL')).body.record.quantity).toBe(
      '7',
    );
    expect((await admin.post('/items/S-DEL/restore')).status).toBe(409);
    const live = await admin.post<{ code: string }>('/items/M-00001/restore');
    expect([live.status, live.body.code]).toEqual([409, 'record_not_deleted']);
    expect((await admin.post('/items/NO-SUCH-ITEM/restore')).status).toBe(404);
    expect((await admin.get<Deleted>('/deleted')).body.items.map((i) => i.ref)).not.toContain('S-DEL');
    const trail = (await history(analyst, SEVARE)).body.filter((h) => h.key === 'S-DEL');
    expect(trail.map((h) => [h.actor, h.action])).toEqual([
      ['analyst', 'create'],
      ['analyst', 'delete'],
      ['admin', 'update'],
    ]);
    expect((await analyst.delete('/items/S-DEL', { reason: 'entered in error' })).status).toBe(200);
  });

  it('deletes an incident with its items out of every list, count and lead, refuses any change to it, and restores it whole', async () => {
    const stats = async () => (await analyst.get<{ register: Stats }>('/stats')).body.register;
    const leadsOf = async (ref: string) =>
      (await settleLeads(server.store.db),
      await analyst.get<{ incidents: string[] }[]>('/leads?limit=500')).body.filter((l) =>
        l.incidents.includes(ref),
      ).length;
    const before = await stats();
    const leadsBefore = await leadsOf(SOFARA);
    expect(leadsBefore).toBeGreaterThan(0);

    expect(
      (
        await analyst.delete(`/incidents/${enc(SOFARA)}`, {
          reason: 'the same assassination as another report',
        })
      ).status,
    ).toBe(200);
    expect((await analyst.get(`/incidents/${enc(SOFARA)}`)).status).toBe(404);
    expect((await analyst.get('/items/M-00002')).status).toBe(404);
    expect(await leadsOf(SOFARA)).toBe(0);
    const after = await stats();
    expect([after.incidents.total, after.items.total, after.items.quantity]).toEqual([
      before.incidents.total - 1,
      before.items.total - 1,
      before.items.quantity - 3,
    ]);

    const frozen = await state(server.store.db);
    const refusals = [
      await analyst.put(`/incidents/${enc(SOFARA)}`, incidentRow({ ref: SOFARA })),
      await analyst.delete(`/incidents/${enc(SOFARA)}`, { reason: 'deleting it twice' }),
      await reviewer.post(`/incidents/${enc(SOFARA)}/validate`),
      await reviewer.post(`/incidents/${enc(SOFARA)}/send-back`, { comment: 'Give the grid reference.' }),
      await analyst.post('/items', itemRow({ ref: 'SOF-2', incident_ref: SOFARA })),
      await analyst.put('/items/M-00002', itemRow({ ref: 'M-00002', incident_ref: SOFARA })),
      await analyst.put('/items/M-00002', itemRow({ ref: 'M-00002', incident_ref: KIDAL })),
      await analyst.upload(`/incidents/${enc(SOFARA)}/attachments`, { name: 'x.png', data: PNG }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([409, 409, 409, 409, 409, 409, 409, 409]);
    expect((refusals[0]!.body as { error: string }).error).toBe(
      `incident "${SOFARA}" was deleted (the same assassination as another report): an administrator may restore it`,
    );
    expect((await analyst.post('/incidents', incidentRow({ ref: SOFARA }))).status).toBe(409);
    // Its items come back with it, not one by one.
    const alone = await admin.post<{ error: string }>('/items/M-00002/restore');
    expect([alone.status, alone.body.error]).toEqual([
      409,
      expect.stringContaining(`incident "${SOFARA}" was deleted`),
    ]);
    const imported = await analyst.post<{ ok: boolean; errors: { column: string }[] }>('/import', {
      dryRun: false,
      files: [
        {
          name: 'incidents.csv',
          content: Buffer.from(csv([incidentRow({ ref: SOFARA })])).toString('base64'),
        },
        {
          name: 'items.csv',
          content: Buffer.from(csv([itemRow({ ref: 'SOF-3', incident_ref: SOFARA })])).toString('base64'),
        },
      ],
    });
    expect(imported.body.ok).toBe(false);
    expect(imported.body.errors.map((e) => e.column).sort()).toEqual(['incident_ref', 'ref']);
    expect(await state(server.store.db)).toEqual(frozen);

    expect((await admin.get<Deleted>('/deleted')).body.incidents).toContainEqual(
      expect.objectContaining({
        ref: SOFARA,
        reason: 'the same assassination as another report',
        deletedBy: 'analyst',
      }),
    );
    // Items of a deleted incident come back with it: they are not listed on their own.
    expect((await admin.get<Deleted>('/deleted')).body.items.map((i) => i.incident)).not.toContain(SOFARA);
    expect((await analyst.post(`/incidents/${enc(SOFARA)}/restore`)).status).toBe(403);
    expect((await admin.post(`/incidents/${enc(SOFARA)}/restore`)).status).toBe(200);
    expect((await admin.post(`/incidents/${enc(SOFARA)}/restore`)).status).toBe(409);
    expect((await page(analyst, SOFARA)).body.items.map((i) => i.record.ref)).toEqual(['M-00002']);
    expect(await stats()).toEqual(before);
    expect(await leadsOf(SOFARA)).toBe(leadsBefore);
    const trail = (await history(analyst, SOFARA)).body.filter((h) => h.entity === 'incident');
    expect(trail.map((h) => [h.actor, h.action])).toEqual([
      ['test', 'create'],
      ['analyst', 'delete'],
      ['admin', 'update'],
    ]);
  });

  it('deletes once when asked twice at the same time', async () => {
    expect((await analyst.post('/items', itemRow({ ref: 'TWICE-1', incident_ref: KIDAL }))).status).toBe(201);
    const answers = await Promise.all([
      analyst.delete('/items/TWICE-1', { reason: 'entered twice' }),
      admin.delete('/items/TWICE-1', { reason: 'entered twice too' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const trail = (await history(analyst, KIDAL)).body.filter((h) => h.key === 'TWICE-1');
    expect(trail.map((h) => h.action)).toEqual(['create', 'delete']);
  });

  it('refuses a deletion without a real reason and changes nothing', async () => {
    const before = await state(server.store.db);
    for (const path of [`/incidents/${enc(KIDAL)}`, '/items/M-00003'])
      for (const body of [
        undefined,
        {},
        { reason: '' },
        { reason: '    ' },
        { reason: 'no' },
        { reason: 'x'.repeat(2001) },
        { reason: 12 },
        { reason: null },
        { reason: 'entered twice', also: 'this' },
      ]) {
        const answer = await analyst.delete(path, body);
        expect([path, JSON.stringify(body), answer.status]).toEqual([path, JSON.stringify(body), 400]);
      }
    expect((await analyst.request('DELETE', '/items/M-00003', undefined, '{"reason": ')).status).toBe(400);
    expect(await state(server.store.db)).toEqual(before);
  });

  it('lets documenters change and delete only their own drafts, and reviewers and partners neither', async () => {
    const ref = '240307 IED find, Tessit';
    const row = incidentRow({ ref, date: '2024-03-07', type: 'IED find', admin1: 'Gao', place: 'Tessit' });
    expect((await documenter.post('/incidents', row)).status).toBe(201);
    expect((await documenter.post('/items', itemRow({ ref: 'TS-1', incident_ref: ref }))).status).toBe(201);
    const before = await state(server.store.db);
    const calls = (client: Client) => [
      client.put(`/incidents/${enc(ref)}`, { ...row, killed: '1' }),
      client.delete(`/incidents/${enc(ref)}`, { reason: 'not mine to delete' }),
      client.put('/items/TS-1', itemRow({ ref: 'TS-1', incident_ref: ref, quantity: '2' })),
      client.delete('/items/TS-1', { reason: 'not mine to delete' }),
    ];
    expect((await Promise.all(calls(colleague))).map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect((await Promise.all(calls(reviewer))).map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect((await Promise.all(calls(partner))).map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect((await page(colleague, ref)).body.can).toEqual({ change: false, review: false });
    expect(await state(server.store.db)).toEqual(before);

    expect(
      (await documenter.put('/items/TS-1', itemRow({ ref: 'TS-1', incident_ref: ref, calibre: '9x19' })))
        .status,
    ).toBe(200);
    expect((await documenter.delete('/items/TS-1', { reason: 'photographed twice' })).status).toBe(200);
    expect((await documenter.post('/items/TS-1/restore')).status).toBe(403);
    expect(
      (await documenter.delete(`/incidents/${enc(ref)}`, { reason: 'a duplicate of my earlier report' }))
        .status,
    ).toBe(200);
    expect((await documenter.get(`/incidents/${enc(ref)}`)).status).toBe(404);
    // Their history stays theirs to read; a partner reads no history, even of what it was given.
    expect((await history(documenter, ref)).body.map((h) => h.action)).toEqual([
      'create',
      'create',
      'update',
      'delete',
      'delete',
    ]);
    expect((await history(partner, KIDAL)).status).toBe(403);
    expect((await partner.get(`/incidents/${enc(KIDAL)}`)).status).toBe(200);
    expect((await page(partner, KIDAL)).body.reviews).toEqual([]);
  });

  it('keeps the source a documenter may not read when they save their draft, and leaves it out of their history', async () => {
    const ref = '240308 Arms cache, Anéfis';
    const row = incidentRow({
      ref,
      date: '2024-03-08',
      type: 'arms cache',
      place: 'Anéfis',
      source: 'Informant K-17',
    });
    expect((await documenter.post('/incidents', row)).status).toBe(201);
    const shown = (await page(documenter, ref)).body.incident.record;
    expect(shown.source).toBe('');
    // What the form sends back: the record as shown, one field corrected.
    expect((await documenter.put(`/incidents/${enc(ref)}`, { ...shown, killed: '2' })).status).toBe(200);
    const stored = (await page(analyst, ref)).body.incident.record;
    expect([stored.source, stored.killed]).toEqual(['Informant K-17', '2']);
    expect(JSON.stringify((await history(documenter, ref)).body)).not.toContain('K-17');
    expect(JSON.stringify((await history(analyst, ref)).body)).toContain('K-17');
    // A documenter may still give a new source.
    expect(
      (await documenter.put(`/incidents/${enc(ref)}`, { ...shown, source: 'Village elder' })).status,
    ).toBe(200);
    expect((await page(analyst, ref)).body.incident.record.source).toBe('Village elder');
  });

  it('hides the history of incidents a documenter may not see, deleted or not', async () => {
    const ref = '240309 Arms cache, Tin-Essako';
    expect(
      (
        await analyst.post(
          '/incidents',
          incidentRow({
            ref,
            date: '2024-03-09',
            type: 'arms cache',
            classification: 'strictly_confidential',
          }),
        )
      ).status,
    ).toBe(201);
    expect((await history(documenter, ref)).status).toBe(404);
    expect((await history(reviewer, ref)).status).toBe(404);
    expect(
      (await analyst.delete(`/incidents/${enc(ref)}`, { reason: 'recorded under the wrong mission' })).status,
    ).toBe(200);
    expect((await history(documenter, ref)).status).toBe(404);
    // A refusal says nothing of a deleted record its caller could not see.
    expect((await documenter.put(`/incidents/${enc(ref)}`, incidentRow({ ref }))).status).toBe(404);
    expect((await history(analyst, ref)).body.map((h) => h.action)).toEqual(['create', 'delete']);
  });
});
