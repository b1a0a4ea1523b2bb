import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { visibleCaseFiles, type Role } from '../access/policy';
import { verifyAuditLog } from '../audit/audit';
import type { Db } from '../db/store';
import { casingPhoto } from '../test/images';
import { incidentRow, KIDAL, registerFiles, SEVARE, SOFARA } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import type { CaseFile, CaseFileSummary } from './casefile.schema';
import { settleLeads } from '../leads/queue';

const enc = encodeURIComponent;
const PANEL = 'Panel of Experts on Mali';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** What case files write: their three tables and the audit log. "Nothing written" compares two. */
async function caseFileRows(db: Db) {
  const { rows } = await sql<{ files: number; members: number; releases: number; audit: number }>`
    select (select count(*) from case_files)::int as files,
           (select count(*) from case_file_members)::int as members,
           (select count(*) from case_file_releases)::int as releases,
           (select count(*) from audit_log)::int as audit`.execute(db);
  return rows[0]!;
}

async function auditOf(db: Db, entity: string) {
  return db
    .selectFrom('audit_log')
    .select(['action', 'entity_key', 'actor'])
    .where('entity', '=', entity)
    .orderBy('id')
    .execute();
}

describe('case files: assembling, releasing and who sees what', () => {
  let server: TestServer;
  let analyst: Client;
  let panel: Client;
  let otherPartner: Client;
  let caseFile: CaseFile;
  let photoId: number;

  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    await settleLeads(server.store.db);
    analyst = await server.signIn('analyst');
    panel = await server.signIn('partner', { username: 'panel', partner: PANEL });
    otherPartner = await server.signIn('partner', { username: 'ecowas', partner: 'ECOWAS Commission' });
    const photo = await analyst.upload<{ id: number }>('/items/M-00003/attachments', {
      name: 'culot.png',
      data: casingPhoto(64, 48),
    });
    photoId = photo.body.id;
  });
  afterAll(() => server.close());

  beforeEach(async () => {
    const created = await analyst.post<CaseFile>('/case-files', {
      title: 'Cartouches 61 15 à Kidal',
      finding: 'Même lot à Sévaré et à Kidal.',
    });
    expect(created.status).toBe(201);
    const added = await analyst.post<CaseFile>(`/case-files/${created.body.id}/members`, {
      items: ['M-00003'],
      photos: [photoId],
    });
    expect(added.status).toBe(200);
    caseFile = added.body;
  });

  it('brings an item’s incident and a photo’s item with them, without the incident’s source', async () => {
    expect(caseFile.items.map((i) => i.ref)).toEqual(['M-00003']);
    expect(caseFile.incidents.map((i) => i.ref)).toEqual([KIDAL]);
    expect(caseFile.photos.map((p) => [p.id, p.item, p.incident])).toEqual([[photoId, 'M-00003', KIDAL]]);
    expect(caseFile.incidents[0]!.record.source).toBe('');
    expect(caseFile.classification).toBe('confidential');
    expect(caseFile.releasedTo).toEqual([]);
  });

  it('lets a partner read a case file released to it, and only that one', async () => {
    const unreleased = await analyst.post<CaseFile>('/case-files', { title: 'Not for the Panel' });
    expect((await analyst.put(`/case-files/${caseFile.id}/releases/${enc(PANEL)}`)).status).toBe(200);

    const read = await panel.get<CaseFile>(`/case-files/${caseFile.id}`);
    expect(read.status).toBe(200);
    expect(read.body.items.map((i) => i.ref)).toEqual(['M-00003']);
    expect(read.body).not.toHaveProperty('releasedTo');
    const listed = await panel.get<CaseFileSummary[]>('/case-files');
    expect(listed.body.map((c) => c.id)).toEqual([caseFile.id]);
    expect(listed.body[0]).toMatchObject({ incidents: 1, items: 1, photos: 1, leads: 0 });

    for (const path of ['', '/pdf', '/package']) {
      expect((await panel.get(`/case-files/${unreleased.body.id}${path}`)).status).toBe(404);
      expect((await otherPartner.get(`/case-files/${caseFile.id}${path}`)).status).toBe(404);
    }
    expect((await otherPartner.get<CaseFileSummary[]>('/case-files')).body).toEqual([]);
    expect((await panel.get(`/case-files/${caseFile.id}/pdf`)).status).toBe(200);
    // The partner's download is in the audit log; the refused ones are not.
    const downloads = await server.store.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity', '=', 'export')
      .execute();
    expect(downloads.map((d) => d.after)).toEqual([{ caseFile: caseFile.id, format: 'pdf', partner: PANEL }]);
  });

  it('releases no incident: a partner sees through a case file only what it contains', async () => {
    await analyst.put(`/case-files/${caseFile.id}/releases/${enc(PANEL)}`);
    // The case file cites Kidal; Kidal itself, its other records and other incidents stay closed.
    expect((await panel.get(`/incidents/${enc(KIDAL)}`)).status).toBe(404);
    expect((await panel.get(`/incidents/${enc(SEVARE)}`)).status).toBe(404);
    expect((await panel.get('/items/M-00003')).status).toBe(404);
    expect((await panel.get(`/attachments/${photoId}`)).status).toBe(404);
    const incidents = await panel.get<{ total: number }>('/incidents');
    expect(incidents.body.total).toBe(0);
    const read = await panel.get<CaseFile>(`/case-files/${caseFile.id}`);
    expect(read.body.incidents.map((i) => i.ref)).toEqual([KIDAL]);
  });

  it('stops a partner’s access when the release is withdrawn', async () => {
    await analyst.put(`/case-files/${caseFile.id}/releases/${enc(PANEL)}`);
    expect((await panel.get(`/case-files/${caseFile.id}`)).status).toBe(200);
    expect((await analyst.delete(`/case-files/${caseFile.id}/releases/${enc(PANEL)}`)).status).toBe(200);
    expect((await panel.get(`/case-files/${caseFile.id}`)).status).toBe(404);
    expect((await panel.get(`/case-files/${caseFile.id}/package`)).status).toBe(404);
    expect((await analyst.get<CaseFile>(`/case-files/${caseFile.id}`)).body.releasedTo).toEqual([]);
  });

  it('audits creation, edits, members, release and withdrawal in their transactions', async () => {
    const key = String(caseFile.id);
    await analyst.request('PATCH', `/case-files/${caseFile.id}`, { finding: 'Lot 61 15 confirmé.' });
    await analyst.put(`/case-files/${caseFile.id}/releases/${enc(PANEL)}`);
    // Releasing twice changes nothing and logs nothing.
    await analyst.put(`/case-files/${caseFile.id}/releases/${enc(PANEL)}`);
    await analyst.delete(`/case-files/${caseFile.id}/releases/${enc(PANEL)}`);
    const entries = (await auditOf(server.store.db, 'case_file')).filter((e) => e.entity_key === key);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'update']);
    expect(entries.every((e) => e.actor === entries[0]!.actor && e.actor.startsWith('analyst'))).toBe(true);
    const releases = (await auditOf(server.store.db, 'case_file_release')).filter((e) =>
      e.entity_key.startsWith(`${key} →`),
    );
    expect(releases.map((e) => [e.action, e.entity_key])).toEqual([
      ['create', `${key} → ${PANEL}`],
      ['delete', `${key} → ${PANEL}`],
    ]);
    expect((await verifyAuditLog(server.store.db)).ok).toBe(true);
  });

  it('keeps its own copy of a record, refreshed only when the record is added again', async () => {
    await analyst.put(`/incidents/${enc(KIDAL)}`, incidentRow({ summary: 'Corrected after the EOD report' }));
    const before = await analyst.get<CaseFile>(`/case-files/${caseFile.id}`);
    expect(before.body.incidents[0]!.record.summary).toBe(
      'IED struck the lead vehicle of a logistics convoy',
    );
    await analyst.post(`/case-files/${caseFile.id}/members`, { incidents: [KIDAL] });
    const after = await analyst.get<CaseFile>(`/case-files/${caseFile.id}`);
    expect(after.body.incidents[0]!.record.summary).toBe('Corrected after the EOD report');
    await analyst.put(`/incidents/${enc(KIDAL)}`, incidentRow());
  });

  it('removes an incident with the items, photos and leads resting on it', async () => {
    await analyst.post(`/case-files/${caseFile.id}/members`, { items: ['M-00001'] });
    const removed = await analyst.delete<CaseFile>(`/case-files/${caseFile.id}/members`, {
      incidents: [KIDAL],
    });
    expect(removed.status).toBe(200);
    expect(removed.body.incidents.map((i) => i.ref)).toEqual([SEVARE]);
    expect(removed.body.items.map((i) => i.ref)).toEqual(['M-00001']);
    expect(removed.body.photos).toEqual([]);
  });

  it('answers 403 to roles that may not write or read case files', async () => {
    const reviewer = await server.signIn('reviewer');
    const documenter = await server.signIn('documenter');
    for (const client of [reviewer, documenter]) {
      expect((await client.get('/case-files')).status).toBe(403);
      expect((await client.get(`/case-files/${caseFile.id}`)).status).toBe(403);
    }
    await analyst.put(`/case-files/${caseFile.id}/releases/${enc(PANEL)}`);
    const before = await caseFileRows(server.store.db);
    for (const client of [reviewer, documenter, panel]) {
      expect((await client.post('/case-files', { title: 'mine' })).status).toBe(403);
      expect((await client.request('PATCH', `/case-files/${caseFile.id}`, { title: 'x' })).status).toBe(403);
      expect((await client.post(`/case-files/${caseFile.id}/members`, { incidents: [SEVARE] })).status).toBe(
        403,
      );
      expect((await client.put(`/case-files/${caseFile.id}/releases/Anyone`)).status).toBe(403);
    }
    expect((await server.anonymous().get('/case-files')).status).toBe(401);
    expect(await caseFileRows(server.store.db)).toEqual(before);
  });

  it('rejects bad input with 400 and writes nothing', async () => {
    const before = await caseFileRows(server.store.db);
    const id = caseFile.id;
    const bad: [string, string, unknown, string?][] = [
      ['POST', '/case-files', { title: '' }],
      ['POST', '/case-files', { title: '   ' }],
      ['POST', '/case-files', { title: 'x'.repeat(201) }],
      ['POST', '/case-files', { title: 'ok', finding: 'x'.repeat(20_001) }],
      ['POST', '/case-files', { title: 'nul \u0000 byte' }],
      ['POST', '/case-files', { title: 'ok', classification: 'top secret' }],
      ['POST', '/case-files', { title: 'ok', owner: 'admin' }],
      ['POST', '/case-files', { title: ['array'] }],
      ['POST', '/case-files', undefined, '{"title": "truncated'],
      ['PATCH', `/case-files/${id}`, {}],
      ['PATCH', `/case-files/${id}`, { title: null }],
      ['PATCH', '/case-files/not-a-number', { title: 'x' }],
      ['PATCH', '/case-files/-1', { title: 'x' }],
      ['POST', `/case-files/${id}/members`, {}],
      ['POST', `/case-files/${id}/members`, { incidents: ['no such incident'] }],
      ['POST', `/case-files/${id}/members`, { items: ['M-00001', 'M-99999'] }],
      ['POST', `/case-files/${id}/members`, { photos: [999_999] }],
      ['POST', `/case-files/${id}/members`, { photos: ['1; drop table case_files'] }],
      ['POST', `/case-files/${id}/members`, { leads: [{ kind: 'linked_incidents', subject: 'nothing' }] }],
      ['POST', `/case-files/${id}/members`, { leads: [{ kind: 'gossip', subject: 'x' }] }],
      ['POST', `/case-files/${id}/members`, { incidents: Array.from({ length: 1001 }, (_, i) => `r${i}`) }],
      ['DELETE', `/case-files/${id}/members`, { incidents: [SOFARA] }],
      ['DELETE', `/case-files/${id}/members`, { items: ['M-00003'], photos: [photoId + 1000] }],
    ];
    for (const [method, path, body, raw] of bad) {
      const response = await analyst.request<{ error: string }>(method, path, body, raw);
      expect([method, path, JSON.stringify(body)?.slice(0, 80), response.status]).toEqual([
        method,
        path,
        JSON.stringify(body)?.slice(0, 80),
        400,
      ]);
      expect(typeof response.body.error).toBe('string');
    }
    expect(await caseFileRows(server.store.db)).toEqual(before);
  });

  it('refuses a PDF attachment as a photo, naming it, and writes nothing', async () => {
    const report = await analyst.upload<{ id: number }>(`/incidents/${enc(KIDAL)}/attachments`, {
      name: 'EOD report.pdf',
      data: PDF,
    });
    const before = await caseFileRows(server.store.db);
    const response = await analyst.post<{ error: string }>(`/case-files/${caseFile.id}/members`, {
      photos: [report.body.id],
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/only JPEG and PNG photos/);
    expect(await caseFileRows(server.store.db)).toEqual(before);
  });

  it('describes its routes in the OpenAPI document under the "case files" tag', async () => {
    const openapi = await analyst.get<{
      paths: Record<string, Record<string, { tags?: string[]; requestBody?: unknown }>>;
    }>('/openapi.json');
    expect(openapi.status).toBe(200);
    const routes = Object.entries(openapi.body.paths)
      .filter(([path]) => path.includes('case-files'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => [`${method} ${path}`, op] as const),
      );
    expect(routes.map(([route]) => route).sort()).toEqual(
      [
        'get /api/v1/case-files',
        'post /api/v1/case-files',
        'get /api/v1/case-files/{id}',
        'get /api/v1/case-files/{id}/gaps',
        'patch /api/v1/case-files/{id}',
        'post /api/v1/case-files/{id}/members',
        'delete /api/v1/case-files/{id}/members',
        'put /api/v1/case-files/{id}/releases/{partner}',
        'delete /api/v1/case-files/{id}/releases/{partner}',
        'get /api/v1/case-files/{id}/pdf',
        'get /api/v1/case-files/{id}/package',
      ].sort(),
    );
    expect(routes.every(([, op]) => op.tags?.includes('case files'))).toBe(true);
    expect(openapi.body.paths['/api/v1/case-files']!.post!.requestBody).toBeDefined();
  });

  it('gives reviewers and documenters no case file in the query layer either', async () => {
    const as = (role: Role, partner: string | null = null) =>
      visibleCaseFiles(server.store.db, { userId: null, username: role, role, partner })
        .select('case_files.id')
        .execute();
    expect(await as('reviewer')).toEqual([]);
    expect(await as('documenter')).toEqual([]);
    expect(await as('partner', 'Nobody')).toEqual([]);
    expect((await as('analyst')).map((r) => r.id)).toContain(caseFile.id);
  });

  it('answers 404 for a case file that does not exist', async () => {
    expect((await analyst.get('/case-files/2147483647')).status).toBe(404);
    expect((await analyst.put(`/case-files/2147483647/releases/${enc(PANEL)}`)).status).toBe(404);
  });
});
