import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, incidentRow, itemRow, registerFiles, KIDAL } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';

const enc = encodeURIComponent;

interface Detail {
  field?: string;
  column?: string;
  message: string;
  code: string;
  params?: Record<string, string | number>;
}
interface Refusal {
  error: string;
  code: string;
  params?: Record<string, string | number>;
  details?: Detail[];
  issues?: { path: string; message: string; code: string; params?: Record<string, string | number> }[];
}

/** An incident of the test register's kind under a new reference, with no coordinates to agree. */
const newIncident = (ref: string, overrides: Record<string, string> = {}) =>
  incidentRow({ ref, date: '2024-03-14', admin1: 'Gao', place: 'Ansongo', lat: '', lon: '', ...overrides });
/** An item as the form sends it: no `incident_ref`, the incident it is sent with is its own. */
const newItem = (ref: string, overrides: Record<string, string> = {}) => {
  const item: Record<string, string> = itemRow({
    ref,
    year: '1985',
    manufacturer: '539',
    markings: '539 85',
    ...overrides,
  });
  delete item.incident_ref;
  return item;
};

describe('documenting an incident with its items in one request', () => {
  let server: TestServer;
  let analyst: Client;
  let documenter: Client;
  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    analyst = await server.signIn('analyst');
    documenter = await server.signIn('documenter', { username: 'field-team' });
  });
  afterAll(() => server.close());

  it('writes the incident and every item together, as a draft of the documenter, each change audited', async () => {
    const ref = '240314 IED find, Ansongo';
    const created = await documenter.post('/incidents', {
      ...newIncident(ref, { date: '14 mars 2024' }),
      items: [
        newItem('AN-1'),
        newItem('AN-2', { category: 'weapon', model: 'AKM', serial: 'KD 1', quantity: '1' }),
      ],
    });
    expect([created.status, created.body]).toEqual([201, { ok: true }]);
    const page = await analyst.get<{
      incident: { status: string; record: Record<string, string> };
      items: { record: Record<string, string> }[];
    }>(`/incidents/${enc(ref)}`);
    expect(page.body.incident.status).toBe('draft');
    // The date typed in French is stored as the day it names.
    expect(page.body.incident.record.date).toBe('2024-03-14');
    expect(page.body.items.map((i) => [i.record.ref, i.record.incident_ref]).sort()).toEqual([
      ['AN-1', ref],
      ['AN-2', ref],
    ]);
    const history = await analyst.get<{ action: string; actor: string; entity: string; key: string }[]>(
      `/history/incident/${enc(ref)}`,
    );
    expect(history.body.map((h) => [h.entity, h.key, h.action, h.actor])).toEqual(
      expect.arrayContaining([
        ['incident', ref, 'create', 'field-team'],
        ['item', 'AN-1', 'create', 'field-team'],
        ['item', 'AN-2', 'create', 'field-team'],
      ]),
    );
  });

  it('reports every problem of the incident and its items at once, each by field with a code, and writes nothing', async () => {
    const before = await countRows(server.store.db);
    const refused = await analyst.post<Refusal>('/incidents', {
      ...newIncident('BAD-ALL', {
        date: '2031-01-01',
        lat: '200',
        lon: '1',
        mgrs: 'not-an-mgrs',
        killed: '-3',
      }),
      items: [
        newItem('BAD-ALL-1'),
        newItem('BAD-ALL-2', { calibre: 'nine mm', year: '2030', serial: 'S1', quantity: '2' }),
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('invalid');
    const today = new Date().toISOString().slice(0, 10);
    expect(
      refused.body
        .details!.map(({ field, code, params }) => ({ field, code, params }))
        .sort((a, b) => a.field!.localeCompare(b.field!)),
    ).toEqual([
      { field: 'date', code: 'date_in_future', params: { max: today } },
      { field: 'items.1.calibre', code: 'calibre_unreadable', params: { value: 'nine mm' } },
      { field: 'items.1.quantity', code: 'serial_one_object' },
      {
        field: 'items.1.year',
        code: 'year_out_of_range',
        params: { year: 2030, min: 1850, max: Number(today.slice(0, 4)) },
      },
      { field: 'killed', code: 'not_a_whole_number', params: { value: '-3', min: 0 } },
      { field: 'lat', code: 'latitude_out_of_range', params: { value: 200 } },
      { field: 'mgrs', code: 'mgrs_unreadable', params: { value: 'not-an-mgrs' } },
    ]);
    // The English message of each problem is kept for API clients.
    expect(refused.body.details!.find((d) => d.field === 'lat')!.message).toBe(
      'latitude 200 is outside -90..90',
    );
    expect(await countRows(server.store.db)).toEqual(before);
  });

  it('checks what a refused row names against the register too: an unknown actor, an unreadable calibre', async () => {
    const refused = await analyst.post<Refusal>('/incidents', {
      ...newIncident('BAD-REG', { actor: 'JNMI', attribution: 'claimed', killed: 'many' }),
      items: [
        newItem('BAD-REG-1', { year: '2024', markings: '' }),
        newItem('BAD-REG-2', { country_of_manufacture: 'Atlantis', calibre: 'nine mm' }),
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details!.map((d) => [d.field, d.code]).sort()).toEqual([
      ['actor', 'unknown_actor'],
      ['items.1.calibre', 'calibre_unreadable'],
      ['items.1.country_of_manufacture', 'not_a_country'],
      ['killed', 'not_a_whole_number'],
    ]);
    expect(refused.body.details!.find((d) => d.code === 'unknown_actor')!.params).toEqual({
      name: 'JNMI',
      suggestion: 'JNIM',
    });
  });

  it('leaves nothing saved when one item of several is refused: not the incident, not the good items', async () => {
    const before = await countRows(server.store.db);
    const ref = '240315 Arms cache, Gao';
    const refused = await documenter.post<Refusal>('/incidents', {
      ...newIncident(ref, { type: 'arms cache' }),
      items: [newItem('GAO-1'), newItem('GAO-2'), newItem('GAO-3', { serial: 'KD 2', quantity: '2' })],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details!.map((d) => d.field)).toEqual(['items.2.quantity']);
    expect((await analyst.get(`/incidents/${enc(ref)}`)).status).toBe(404);
    expect((await analyst.get('/items/GAO-1')).status).toBe(404);
    expect(await countRows(server.store.db)).toEqual(before);
    // Corrected, the same request is saved whole.
    const saved = await documenter.post('/incidents', {
      ...newIncident(ref, { type: 'arms cache' }),
      items: [newItem('GAO-1'), newItem('GAO-2'), newItem('GAO-3', { serial: 'KD 2', quantity: '1' })],
    });
    expect(saved.status).toBe(201);
    expect((await countRows(server.store.db)).items).toBe(before.items + 3);
  });

  it('refuses references already taken, by field, as a conflict, and writes nothing', async () => {
    const before = await countRows(server.store.db);
    const taken = await analyst.post<Refusal>('/incidents', {
      ...newIncident('240316 IED find, Gao'),
      items: [newItem('NEW-1'), newItem('M-00001')],
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({
      code: 'reference_taken',
      params: { ref: 'M-00001' },
      details: [{ field: 'items.1.ref', code: 'reference_taken', params: { ref: 'M-00001' } }],
    });
    const both = await analyst.post<Refusal>('/incidents', {
      ...newIncident(KIDAL),
      items: [newItem('M-00002')],
    });
    expect(both.status).toBe(409);
    expect(both.body.details!.map((d) => d.field)).toEqual(['ref', 'items.0.ref']);
    // The same item reference twice in one request.
    const twice = await analyst.post<Refusal>('/incidents', {
      ...newIncident('240317 IED find, Gao'),
      items: [newItem('TWICE'), newItem('TWICE')],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.details).toEqual([
      expect.objectContaining({ field: 'items.1.ref', code: 'given_twice' }),
    ]);
    expect(await countRows(server.store.db)).toEqual(before);
  });

  it('keeps all or nothing when two requests race for one item reference', async () => {
    const before = await countRows(server.store.db);
    const send = (ref: string) =>
      analyst.post<Refusal>('/incidents', {
        ...newIncident(ref),
        items: [newItem(`${ref}-A`), newItem('RACED')],
      });
    const answers = await Promise.all([send('RACE-ONE'), send('RACE-TWO')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const after = await countRows(server.store.db);
    // One incident with its two items; of the other, nothing: not even its own first item.
    expect([after.incidents - before.incidents, after.items - before.items]).toEqual([1, 2]);
    const lost = answers[0]!.status === 409 ? 'RACE-ONE' : 'RACE-TWO';
    expect((await analyst.get(`/items/${lost}-A`)).status).toBe(404);
  });

  it('checks without writing when asked for a dry run', async () => {
    const before = await countRows(server.store.db);
    const ref = '240321 IED find, Gao';
    const body = { ...newIncident(ref), items: [newItem('DRY-1')] };
    expect((await documenter.post('/incidents?dryRun=true', body)).status).toBe(200);
    const refused = await documenter.post<Refusal>('/incidents?dryRun=true', { ...body, date: '2031-01-01' });
    expect([refused.status, refused.body.details![0]!.code]).toEqual([400, 'date_in_future']);
    expect((await documenter.post('/incidents?dryRun=maybe', body)).status).toBe(400);
    expect(await countRows(server.store.db)).toEqual(before);
    expect((await documenter.post('/incidents', body)).status).toBe(201);
  });

  it('refuses an item that names another incident than the one it is sent with', async () => {
    const refused = await analyst.post<Refusal>('/incidents', {
      ...newIncident('240318 IED find, Gao'),
      items: [{ ...newItem('ELSEWHERE'), incident_ref: KIDAL }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([
      expect.objectContaining({
        field: 'items.0.incident_ref',
        code: 'item_of_other_incident',
        params: { ref: KIDAL },
      }),
    ]);
  });

  it('refuses malformed, mistyped, unknown and oversized bodies with a code, and changes nothing', async () => {
    const before = await countRows(server.store.db);
    const incident = newIncident('240319 IED find, Gao');
    const cases: [unknown, number, Partial<Refusal>][] = [
      [
        { ...incident, items: 'AN-1' },
        400,
        { code: 'invalid', issues: [expect.objectContaining({ path: 'items', code: 'invalid_type' })] },
      ],
      [
        { ...incident, items: [{ ref: 7 }] },
        400,
        { issues: [expect.objectContaining({ path: 'items.0.ref', code: 'invalid_type' })] },
      ],
      [{ ...incident, items: [null] }, 400, { code: 'invalid' }],
      [
        { ...incident, killed: 3 },
        400,
        { issues: [expect.objectContaining({ path: 'killed', code: 'invalid_type' })] },
      ],
      [
        { ...incident, items: Array.from({ length: 201 }, (_, i) => newItem(`MANY-${i}`)) },
        400,
        { issues: [expect.objectContaining({ path: 'items', code: 'too_many', params: { max: 200 } })] },
      ],
      [
        { ...incident, items: [{ ...newItem('ODD'), colour: 'red' }] },
        400,
        {
          details: [
            expect.objectContaining({
              field: 'items.0',
              code: 'unknown_fields',
              params: { fields: 'colour' },
            }),
          ],
        },
      ],
      [
        { ...incident, items: [{ ...newItem('BIG'), notes: 'x'.repeat(1_100_000) }] },
        413,
        { code: 'request_too_large' },
      ],
      [
        { ...incident, items: [{}] },
        400,
        {
          details: expect.arrayContaining([
            expect.objectContaining({ field: 'items.0.ref', code: 'required' }),
          ]),
        },
      ],
    ];
    for (const [body, status, answer] of cases) {
      const response = await analyst.post<Refusal>('/incidents', body);
      expect([response.status, response.body]).toMatchObject([status, answer]);
    }
    const truncated = await analyst.request<Refusal>(
      'POST',
      '/incidents',
      undefined,
      '{"ref": "X", "items": [',
    );
    expect([truncated.status, truncated.body.code]).toEqual([400, 'invalid']);
    expect(await countRows(server.store.db)).toEqual(before);
  });

  it('gives every refusal a code: not found, forbidden, schema bounds', async () => {
    expect((await analyst.get<Refusal>('/incidents/no%20such')).body).toMatchObject({ code: 'not_found' });
    const partner = await server.signIn('partner');
    expect((await partner.post<Refusal>('/incidents', newIncident('P-1'))).body).toMatchObject({
      code: 'forbidden',
    });
    const short = await analyst.delete<Refusal>(`/incidents/${enc(KIDAL)}`, { reason: 'x' });
    expect([short.status, short.body.issues]).toEqual([
      400,
      [expect.objectContaining({ path: 'reason', code: 'too_short', params: { min: 3 } })],
    ]);
    expect((await server.anonymous().get<Refusal>('/incidents')).body).toMatchObject({ code: 'sign_in' });
  });
});
