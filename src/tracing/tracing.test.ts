import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFiles, SEVARE } from '../test/fixtures';
import { casingPhoto, screenshotPdfPages } from '../test/images';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import type { TracingRequestView, TracingSummary } from './tracing.schema';

// Letters are read back with poppler-utils (Debian's `poppler-utils`, installed by .ci/run).
const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
const squash = (text: string) => text.replace(/\s+/g, ' ');
const PURPOSE = 'To establish how these weapons reached armed groups under the Mali sanctions regime.';

describe('tracing requests', () => {
  let server: TestServer;
  let analyst: Client;
  const work = mkdtempSync(join(tmpdir(), 'headstamp-tracing-'));
  const open = (body: Record<string, unknown> = {}) =>
    analyst.post<TracingRequestView>('/tracing-requests', {
      items: ['M-00001', 'M-00004'],
      addresseeCountry: 'Russia',
      addressee: 'Ministry of Foreign Affairs, Department of Arms Control',
      channel: 'bilateral',
      purpose: PURPOSE,
      ...body,
    });
  const rows = async (table: 'tracing_requests' | 'tracing_events' | 'tracing_request_items') =>
    Number(
      (
        await server.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const letter = async (ref: string, lang: 'en' | 'fr') => {
    const response = await fetch(`${server.url}/tracing-requests/${ref}/letter?lang=${lang}`, {
      headers: { cookie: analyst.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const file = join(work, `${ref}-${lang}.pdf`);
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    return file;
  };

  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    analyst = await server.signIn('analyst', { username: 'amina' });
  });
  afterAll(() => server.close());

  it('opens a request for items and writes it as a letter with their markings and the circumstances', async () => {
    const photo = await analyst.upload(
      '/items/M-00001/attachments',
      { name: 'receiver.png', data: casingPhoto() },
      {
        caption: 'Left side of the receiver, serial number',
      },
    );
    expect(photo.status).toBe(201);
    const opened = await open();
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: 'draft', addresseeCountry: 'RU', createdBy: 'amina' });
    expect(opened.body.ref).toMatch(/^TR-\d{4}-0001$/);
    expect(opened.body.items.map((i) => i.ref)).toEqual(['M-00001', 'M-00004']);

    const english = await letter(opened.body.ref, 'en');
    const text = squash(poppler('pdftotext', english, '-'));
    for (const expected of [
      opened.body.ref,
      'Request for the tracing of illicit small arms',
      'International Tracing Instrument',
      'Ministry of Foreign Affairs, Department of Arms Control, Russia',
      'SN-11-4471',
      'FAMa secondary mark',
      'AKMS',
      SEVARE,
      PURPOSE,
      'Left side of the receiver',
      'Page 1 of 2',
    ])
      expect(text).toContain(expected);
    expect(poppler('pdfinfo', english)).toMatch(/Pages:\s+2\n/);
    expect(poppler('pdfimages', '-list', english).trim().split('\n').length).toBe(3); // header lines + 1 image

    const french = squash(poppler('pdftotext', await letter(opened.body.ref, 'fr'), '-'));
    expect(french).toContain('Demande de traçage');
    expect(french).toContain('Page 2 sur 2');
    expect(french).toContain('Ministry of Foreign Affairs, Department of Arms Control, Russie');
    // Vocabulary in the letter's language: the category, the kind of object and the incident type.
    expect(french).toContain('Arme / Fusil d’assaut');
    expect(french).toContain('Attaque complexe');
    // The country with its article and preposition, dates as French writes them.
    expect(french).toContain('le concours des autorités de la Russie pour le traçage');
    expect(french).toContain('une fabrication en Russie ou une exportation depuis la Russie');
    expect(french).toMatch(/Complex attack, Sévaré : Attaque complexe, 7 août 2015/);
    expect(text).toContain('the assistance of the authorities of Russia');
    screenshotPdfPages(english, 'tracing-letter-page1', 1);
  });

  it('follows a request from sent to answered to a diversion established, auditing each step', async () => {
    const { ref } = (await open({ items: ['M-00001'] })).body;
    const steps: [string, unknown][] = [
      ['events', { event: 'sent', on: '2026-01-10' }],
      ['events', { event: 'reminder', on: '2026-03-01', note: 'No answer after 50 days' }],
      [
        'events',
        {
          event: 'answer',
          on: '2026-04-15',
          note: 'Exported 2016 to a mining company in a neighbouring state',
        },
      ],
    ];
    for (const [path, body] of steps)
      expect((await analyst.post(`/tracing-requests/${ref}/${path}`, body)).status).toBe(200);
    const outcome = await analyst.put<TracingRequestView>(`/tracing-requests/${ref}/outcome`, {
      outcome:
        'Exported in 2016 to a mining company in a neighbouring state; reported stolen later that year.',
      diversionEstablished: true,
      diversionPoint: 'Theft from the mining company armoury, 2016',
      establishedBy: 'trace',
      close: true,
    });
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({
      status: 'closed',
      sentOn: '2026-01-10',
      answeredOn: '2026-04-15',
      diversionEstablished: true,
      establishedBy: 'trace',
    });
    expect(outcome.body.events.map((e) => e.event)).toEqual(['sent', 'reminder', 'answer']);
    const audit = await server.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'tracing_request')
      .where('entity_key', '=', ref)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update', 'update']);

    // The answer now belongs to the item's record, for the cell, and to no one else.
    const item = await analyst.get<{ provenance: { request: string; diversionPoint: string }[] }>(
      '/items/M-00001',
    );
    expect(item.body.provenance).toContainEqual(
      expect.objectContaining({
        request: ref,
        diversionPoint: 'Theft from the mining company armoury, 2016',
      }),
    );
    const reviewer = await server.signIn('reviewer');
    expect((await reviewer.get<{ provenance: unknown[] }>('/items/M-00001')).body.provenance).toEqual([]);

    // A traced item is evidence the answer rests on: it cannot be deleted.
    const deleted = await analyst.delete<{ error: string }>('/items/M-00001', { reason: 'entered twice' });
    expect(deleted.status).toBe(409);
    expect(deleted.body.error).toContain(ref);

    const listed = (await analyst.get<TracingSummary[]>('/tracing-requests?item=M-00001&status=closed')).body;
    expect(listed.map((r) => [r.ref, r.itemCount])).toEqual([[ref, 1]]);
  });

  it('refuses steps out of order and changes nothing', async () => {
    const { ref } = (await open({ items: ['M-00002'] })).body;
    const before = await rows('tracing_events');
    expect(
      (await analyst.post(`/tracing-requests/${ref}/events`, { event: 'reminder', on: '2026-02-01' })).status,
    ).toBe(409);
    expect(
      (
        await analyst.put(`/tracing-requests/${ref}/outcome`, {
          outcome: 'Said so',
          diversionEstablished: true,
          diversionPoint: 'Somewhere',
          establishedBy: 'trace',
        })
      ).status,
    ).toBe(409);
    expect(
      (await analyst.post(`/tracing-requests/${ref}/events`, { event: 'sent', on: '2026-02-01' })).status,
    ).toBe(200);
    expect(
      (await analyst.post(`/tracing-requests/${ref}/events`, { event: 'sent', on: '2026-02-02' })).status,
    ).toBe(409);
    const early = await analyst.post<{ error: string }>(`/tracing-requests/${ref}/events`, {
      event: 'answer',
      on: '2026-01-01',
      note: 'x',
    });
    expect(early.status).toBe(400);
    expect(early.body.error).toContain('before the request was sent');
    expect(await rows('tracing_events')).toBe(before + 1);
  });

  it('answers malformed, hostile and unknown input with a clear error and writes nothing', async () => {
    const before = [await rows('tracing_requests'), await rows('tracing_request_items')];
    const cases: [Record<string, unknown>, number][] = [
      [{ items: [] }, 400],
      [{ items: ['M-99999'] }, 400],
      [{ addresseeCountry: 'Atlantis' }, 400],
      [{ channel: 'carrier pigeon' }, 400],
      [{ purpose: 'short' }, 400],
      [{ status: 'closed' }, 400],
      [{ items: "M-00001'; DROP TABLE items; --" }, 400],
      [{ addressee: '<script>alert(1)</script>'.repeat(20) }, 400],
    ];
    for (const [override, status] of cases) {
      const answer = await open(override);
      expect([override, answer.status]).toEqual([override, status]);
      expect((answer.body as unknown as { error: string }).error).toBeTruthy();
    }
    const truncated = await analyst.request(
      'POST',
      '/tracing-requests',
      undefined,
      '{"items":["M-00001"],"addr',
    );
    expect(truncated.status).toBe(400);
    expect([await rows('tracing_requests'), await rows('tracing_request_items')]).toEqual(before);
    expect((await analyst.get('/tracing-requests/TR-0000-0000')).status).toBe(404);
    expect((await analyst.get('/tracing-requests/TR-2026-0001/letter?lang=de')).status).toBe(400);
    expect(
      (await analyst.post('/tracing-requests/TR-2026-0001/events', { event: 'sent', on: '2026-13-45' }))
        .status,
    ).toBe(400);
  });

  it('keeps tracing requests to the analysis cell', async () => {
    for (const role of ['reviewer', 'documenter', 'partner'] as const) {
      const client = await server.signIn(role);
      expect((await client.get('/tracing-requests')).status).toBe(403);
      expect((await client.get('/tracing-requests/TR-2026-0001/letter')).status).toBe(403);
      const body = {
        items: ['M-00001'],
        addresseeCountry: 'RU',
        addressee: 'Ministry',
        channel: 'other',
        purpose: PURPOSE,
      };
      expect((await client.post('/tracing-requests', body)).status).toBe(403);
    }
  });
});
