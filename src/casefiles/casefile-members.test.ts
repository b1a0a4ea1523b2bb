import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/store';
import { casingPhoto } from '../test/images';
import { incidentRow, itemRow, KIDAL, registerFiles, SEVARE, SOFARA } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import { settleLeads } from '../leads/queue';
import type { CaseFile, CaseFileChange, CaseFileGaps } from './casefile.schema';

const enc = encodeURIComponent;
const PANEL = 'Panel of Experts on Mali';
const LINKED = { kind: 'linked_incidents', subject: 'group:ammo:7.62x39:cn-61:2015' } as const;
const EGYPT_STORY = { kind: 'sample_story', subject: 'ammo:7.62x39:eg-27:2015' } as const;

interface Refusal {
  error: string;
  details?: { code?: string; missing?: Record<string, unknown[]> };
}

/** Everything a change of members could write: "nothing changed" compares two of these. */
async function snapshot(db: Db) {
  const { rows } = await sql<{ files: number; members: string; audit: number }>`
    select (select count(*) from case_files)::int as files,
           (select coalesce(string_agg(case_file_id || ' ' || kind || ' ' || key || ' ' || md5(snapshot::text), '|'
                    order by case_file_id, kind, key), '') from case_file_members) as members,
           (select count(*) from audit_log)::int as audit`.execute(db);
  return rows[0]!;
}

const refs = (file: CaseFile) => ({
  incidents: file.incidents.map((i) => i.ref),
  items: file.items.map((i) => i.ref),
  photos: file.photos.map((p) => p.item ?? p.incident),
  leads: file.leads.map((l) => `${l.kind}:${l.subject}`),
});

describe('adding to a case file brings the evidence with it', () => {
  let server: TestServer;
  let analyst: Client;
  let partner: Client;
  let n = 0;

  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    await settleLeads(server.store.db);
    analyst = await server.signIn('analyst');
    partner = await server.signIn('partner', { username: 'panel', partner: PANEL });
    const photo = await analyst.upload('/items/M-00003/attachments', {
      name: 'culot.png',
      data: casingPhoto(64, 48),
    });
    const scene = await analyst.upload(`/incidents/${enc(SEVARE)}/attachments`, {
      name: 'scene.png',
      data: casingPhoto(80, 60),
    });
    // A document beside the photos: it stays out of a case file unless named (and then is refused).
    const report = await analyst.upload(`/incidents/${enc(SEVARE)}/attachments`, {
      name: 'EOD report.pdf',
      data: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    expect([photo.status, scene.status, report.status]).toEqual([201, 201, 201]);
  });
  afterAll(() => server.close());

  const open = async () => {
    const created = await analyst.post<CaseFileChange>('/case-files', { title: `Dossier ${++n}` });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const add = (id: number, members: unknown) =>
    analyst.post<CaseFileChange & Refusal>(`/case-files/${id}/members`, members);

  it('brings an incident whole: its items, their photos and its own, and the findings resting on the file', async () => {
    const id = await open();
    const kidal = await add(id, { incidents: [KIDAL] });
    expect(kidal.status).toBe(200);
    // The linked-incidents finding also cites Sévaré, which the file does not hold: it stays out.
    expect(refs(kidal.body)).toEqual({
      incidents: [KIDAL],
      items: ['M-00003'],
      photos: ['M-00003'],
      leads: [],
    });
    expect(kidal.body.added).toEqual({ incidents: 1, items: 1, photos: 1, leads: 0 });

    const sevare = await add(id, { incidents: [SEVARE] });
    expect(sevare.status).toBe(200);
    expect(refs(sevare.body)).toEqual({
      incidents: [SEVARE, KIDAL],
      items: ['M-00001', 'M-00003', 'M-00004'],
      photos: ['M-00003', SEVARE],
      leads: [`${LINKED.kind}:${LINKED.subject}`],
    });
    expect(sevare.body.added).toEqual({ incidents: 1, items: 2, photos: 1, leads: 1 });
    expect(sevare.body.photos.map((p) => p.fileName).sort()).toEqual(['culot.png', 'scene.png']);
  });

  it('brings two linked incidents named together with their items and the finding linking them', async () => {
    const id = await open();
    const both = await add(id, { incidents: [KIDAL, SEVARE] });
    expect(both.status).toBe(200);
    expect(both.body.added).toEqual({ incidents: 2, items: 3, photos: 2, leads: 1 });
  });

  it('brings a finding’s incidents whole', async () => {
    const id = await open();
    const added = await add(id, { leads: [LINKED] });
    expect(added.status).toBe(200);
    expect(refs(added.body)).toEqual({
      incidents: [SEVARE, KIDAL],
      items: ['M-00001', 'M-00003', 'M-00004'],
      photos: ['M-00003', SEVARE],
      leads: [`${LINKED.kind}:${LINKED.subject}`],
    });
  });

  it('brings the incidents where a sample was found, with the findings about it', async () => {
    const id = await open();
    const added = await add(id, { samples: ['ammo:7.62x39:eg-27:2015'] });
    expect(added.status).toBe(200);
    expect(refs(added.body)).toEqual({
      incidents: [SOFARA],
      items: ['M-00002'],
      photos: [],
      leads: [`${EGYPT_STORY.kind}:${EGYPT_STORY.subject}`],
    });
    // A sample found at two incidents brings both.
    const chinese = await add(await open(), { samples: ['ammo:7.62x39:cn-61:2015'] });
    expect(chinese.body.incidents.map((i) => i.ref)).toEqual([SEVARE, KIDAL]);
  });

  it('leaves out a finding the cell dismissed, unless it is named', async () => {
    const dismissed = await analyst.post('/leads/decisions', {
      ...EGYPT_STORY,
      status: 'dismissed',
      reason: 'a single incident',
    });
    expect(dismissed.status).toBe(200);
    try {
      const id = await open();
      const added = await add(id, { incidents: [SOFARA] });
      expect(refs(added.body).leads).toEqual([]);
      const gaps = await analyst.get<CaseFileGaps>(`/case-files/${id}/gaps`);
      expect(gaps.body.findingsOutside).toEqual([]);
      const named = await add(id, { leads: [EGYPT_STORY] });
      expect(named.status).toBe(200);
      expect(named.body.added).toEqual({ incidents: 0, items: 0, photos: 0, leads: 1 });
    } finally {
      await analyst.post('/leads/decisions', { ...EGYPT_STORY, status: 'open' });
    }
  });

  it('refuses adding what the case file holds already, unchanged, with 409 and a code, and writes nothing', async () => {
    const id = await open();
    expect((await add(id, { incidents: [KIDAL, SEVARE] })).status).toBe(200);
    const before = await snapshot(server.store.db);
    for (const members of [
      { incidents: [KIDAL] },
      { items: ['M-00003'] },
      { leads: [LINKED] },
      { samples: ['ammo:7.62x39:cn-61:2015'] },
    ]) {
      const again = await add(id, members);
      expect([JSON.stringify(members), again.status, again.body.details?.code]).toEqual([
        JSON.stringify(members),
        409,
        'case_file.nothing_new',
      ]);
      expect(again.body.error).toMatch(/already/);
    }
    expect(await snapshot(server.store.db)).toEqual(before);
  });

  it('opens a case file with its first members in one transaction, or not at all', async () => {
    const created = await analyst.post<CaseFileChange>('/case-files', {
      title: 'Lot 61 15',
      members: { leads: [LINKED] },
    });
    expect(created.status).toBe(201);
    expect(created.body.added).toEqual({ incidents: 2, items: 3, photos: 2, leads: 1 });
    const before = await snapshot(server.store.db);
    for (const members of [{ incidents: ['no such incident'] }, {}, { samples: ['ammo:none'] }]) {
      const refused = await analyst.post<Refusal>('/case-files', { title: 'Never made', members });
      expect(refused.status).toBe(400);
    }
    expect(await snapshot(server.store.db)).toEqual(before);
  });

  it('refuses hostile and mistaken additions with a clear error, and writes nothing', async () => {
    const id = await open();
    await add(id, { incidents: [KIDAL] });
    const other = await analyst.post<CaseFile>('/case-files', { title: 'Released elsewhere' });
    await analyst.put(`/case-files/${other.body.id}/releases/${enc('ECOWAS Commission')}`);
    // An incident deleted from the register is no one's to add.
    await analyst.post('/incidents', incidentRow({ ref: 'GONE', date: '2021-01-02' }));
    await analyst.post('/items', itemRow({ ref: 'M-GONE', incident_ref: 'GONE' }));
    expect((await analyst.delete(`/incidents/GONE`, { reason: 'entered twice' })).status).toBe(200);

    const before = await snapshot(server.store.db);
    const cases: [string, Client, string, unknown, number, string?][] = [
      ['empty body', analyst, `/case-files/${id}/members`, {}, 400, 'case_file.nothing_named'],
      [
        'empty lists',
        analyst,
        `/case-files/${id}/members`,
        { incidents: [], leads: [] },
        400,
        'case_file.nothing_named',
      ],
      [
        'unknown incident',
        analyst,
        `/case-files/${id}/members`,
        { incidents: ['no such'] },
        400,
        'case_file.members_not_found',
      ],
      [
        'deleted incident',
        analyst,
        `/case-files/${id}/members`,
        { incidents: ['GONE'] },
        400,
        'case_file.members_not_found',
      ],
      [
        'deleted item',
        analyst,
        `/case-files/${id}/members`,
        { items: ['M-GONE'] },
        400,
        'case_file.members_not_found',
      ],
      [
        'one bad among good',
        analyst,
        `/case-files/${id}/members`,
        { incidents: [SEVARE, 'nope'] },
        400,
        'case_file.members_not_found',
      ],
      [
        'unknown sample',
        analyst,
        `/case-files/${id}/members`,
        { samples: ['ammo:9x19:zz:1999'] },
        400,
        'case_file.members_not_found',
      ],
      [
        'unknown finding',
        analyst,
        `/case-files/${id}/members`,
        { leads: [{ kind: 'linked_incidents', subject: 'nothing' }] },
        400,
        'case_file.members_not_found',
      ],
      [
        'sample removed',
        analyst,
        `/case-files/${id}/members`,
        { samples: ['ammo:7.62x39:cn-61:2015'] },
        400,
        'case_file.nothing_named',
      ],
      [
        'case file that does not exist',
        analyst,
        '/case-files/2147483647/members',
        { incidents: [SEVARE] },
        404,
      ],
      [
        'partner adding to a file released to another',
        partner,
        `/case-files/${other.body.id}/members`,
        { incidents: [SEVARE] },
        403,
      ],
      ['not an array', analyst, `/case-files/${id}/members`, { samples: 'ammo:7.62x39:cn-61:2015' }, 400],
      ['unknown field', analyst, `/case-files/${id}/members`, { incidents: [SEVARE], everything: true }, 400],
      ['NUL in a reference', analyst, `/case-files/${id}/members`, { incidents: ['a\u0000b'] }, 400],
      [
        'too many samples',
        analyst,
        `/case-files/${id}/members`,
        { samples: Array.from({ length: 201 }, (_, i) => `s${i}`) },
        400,
      ],
    ];
    for (const [what, client, path, body, status, code] of cases) {
      const method = what === 'sample removed' ? 'DELETE' : 'POST';
      const response = await client.request<Refusal>(method, path, body);
      expect([what, response.status, code && response.body.details?.code]).toEqual([what, status, code]);
      expect(response.body.error.length).toBeGreaterThan(5);
      if (code === 'case_file.members_not_found') expect(response.body.details?.missing).toBeDefined();
    }
    const unknown = await add(id, { incidents: [SEVARE, 'nope'] });
    expect(unknown.body.error).toContain('nope');
    expect(unknown.body.details?.missing).toEqual({ incidents: ['nope'] });
    expect(await snapshot(server.store.db)).toEqual(before);
  });

  it('says what a case file lacks: photos, findings outside it, drafts, deleted incidents, releases', async () => {
    const id = await open();
    await add(id, { incidents: [KIDAL, SOFARA] });
    const gaps = async () => (await analyst.get<CaseFileGaps>(`/case-files/${id}/gaps`)).body;
    const first = await gaps();
    expect(first.itemsWithoutPhotos).toEqual(['M-00002']);
    expect(first.findingsOutside).toEqual([
      expect.objectContaining({ ...LINKED, incidents: [SEVARE, KIDAL], missing: [SEVARE] }),
    ]);
    // Named for people, in the reader's language.
    expect(first.findingsOutside[0]!.title).toBe(
      `7.62 × 39 mm ammunition, Factory 61 (China), 2015 — ${SEVARE} and ${KIDAL}`,
    );
    expect((await analyst.get(`/case-files/${id}/gaps?lang=de`)).status).toBe(400);
    const french = await analyst.get<CaseFileGaps>(`/case-files/${id}/gaps?lang=fr`);
    expect(french.body.findingsOutside[0]!.title).toBe(
      `munitions 7,62 × 39 mm, usine 61 (Chine), 2015 — ${SEVARE} et ${KIDAL}`,
    );
    expect([first.drafts, first.gone, first.notReleased]).toEqual([[], [], []]);

    // A documenter's draft, added, is a draft until reviewed; a deleted incident is gone.
    const documenter = await server.signIn('documenter');
    expect(
      (await documenter.post('/incidents', incidentRow({ ref: 'DRAFT-1', date: '2021-02-03' }))).status,
    ).toBe(201);
    await analyst.post('/incidents', incidentRow({ ref: 'LATER-GONE', date: '2021-02-04' }));
    await add(id, { incidents: ['DRAFT-1', 'LATER-GONE'] });
    await analyst.delete('/incidents/LATER-GONE', { reason: 'duplicate of another report' });
    await analyst.put(`/case-files/${id}/releases/${enc(PANEL)}`);
    await analyst.put(`/incidents/${enc(KIDAL)}/releases/${enc(PANEL)}`);
    const second = await gaps();
    expect(second.drafts).toEqual(['DRAFT-1']);
    expect(second.gone).toEqual(['LATER-GONE']);
    expect(second.notReleased).toEqual([{ partner: PANEL, incidents: [SOFARA, 'DRAFT-1'] }]);

    // Adding the finding named as missing closes that gap.
    await add(id, { leads: [LINKED] });
    expect((await gaps()).findingsOutside).toEqual([]);
    await analyst.delete(`/incidents/${enc(KIDAL)}/releases/${enc(PANEL)}`);
  });

  it('shows the gaps only to those who assemble case files', async () => {
    const id = await open();
    await analyst.put(`/case-files/${id}/releases/${enc(PANEL)}`);
    expect((await partner.get(`/case-files/${id}`)).status).toBe(200);
    expect((await partner.get(`/case-files/${id}/gaps`)).status).toBe(403);
    expect((await (await server.signIn('reviewer')).get(`/case-files/${id}/gaps`)).status).toBe(403);
    expect((await analyst.get('/case-files/2147483647/gaps')).status).toBe(404);
  });
});
