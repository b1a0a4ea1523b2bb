import { createHash } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, itemRow, KIDAL, registerFiles, SEVARE } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import { safeFileName } from './evidence-files';

const enc = encodeURIComponent;
// The smallest valid files of each accepted type are enough: only the first bytes are checked.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da636460f80f0000040101006b4a3c0a0000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
interface Attachment {
  id: number;
  sha256: string;
  fileName: string;
  mediaType: string;
  item: string | null;
}

describe('evidence: photos, documents and custody', () => {
  let server: TestServer;
  let analyst: Client;
  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    analyst = await server.signIn('analyst');
  });
  afterAll(() => server.close());

  it('stores a photo under its SHA-256, lists it and returns the same bytes', async () => {
    const uploaded = await analyst.upload<Attachment>(
      `/items/M-00003/attachments`,
      { name: 'headstamp.png', data: PNG },
      { caption: 'base of the casing' },
    );
    expect(uploaded.status).toBe(201);
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    expect(uploaded.body).toMatchObject({
      sha256,
      fileName: 'headstamp.png',
      mediaType: 'image/png',
      item: 'M-00003',
    });
    expect(await readdir(`${server.evidenceDir}/${sha256.slice(0, 2)}`)).toEqual([sha256]);

    const listed = await analyst.get<Attachment[]>(`/incidents/${enc(KIDAL)}/attachments`);
    expect(listed.body.map((a) => a.sha256)).toEqual([sha256]);
    const download = await fetch(`${server.url}/attachments/${uploaded.body.id}`, {
      headers: { cookie: analyst.cookie },
    });
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG);
  });

  it('keeps one copy of a file attached twice, and attaches a PDF report to an incident', async () => {
    const again = await analyst.upload<Attachment>(`/incidents/${enc(KIDAL)}/attachments`, {
      name: 'again.png',
      data: PNG,
    });
    const report = await analyst.upload<Attachment>(`/incidents/${enc(KIDAL)}/attachments`, {
      name: 'EOD report.pdf',
      data: PDF,
    });
    expect(again.status).toBe(201);
    expect(report.body.mediaType).toBe('application/pdf');
    const dirs = await readdir(server.evidenceDir);
    expect(dirs).toHaveLength(2);
  });

  it('refuses files that are not photos or PDFs whatever their name, oversized files and empty ones', async () => {
    const before = await countRows(server.store.db);
    const script = await analyst.upload(`/incidents/${enc(KIDAL)}/attachments`, {
      name: 'photo.jpg',
      data: Buffer.from('<script>alert(1)</script>'),
    });
    expect([script.status, script.body]).toMatchObject([415, { code: 'file_type_refused' }]);
    const big = await analyst.upload(`/incidents/${enc(KIDAL)}/attachments`, {
      name: 'big.png',
      data: Buffer.concat([PNG, Buffer.alloc(300 * 1024)]),
    });
    // The test server allows 256 KiB.
    expect([big.status, big.body]).toMatchObject([
      413,
      {
        code: 'file_too_large',
        params: { max: 256 * 1024 },
        error: 'the file is larger than the 0.3 MB allowed',
      },
    ]);
    const empty = await analyst.upload(`/items/M-00003/attachments`, {
      name: 'empty.png',
      data: Buffer.alloc(0),
    });
    expect([empty.status, empty.body]).toMatchObject([
      400,
      { code: 'file_empty', error: 'the file is empty' },
    ]);
    expect(await countRows(server.store.db)).toEqual(before);
  });

  it('refuses a second file in one request rather than dropping it, and stores neither', async () => {
    const before = await countRows(server.store.db);
    const form = new FormData();
    form.append('file', new Blob([PNG]), 'first.png');
    form.append('file', new Blob([PDF]), 'second.pdf');
    const response = await fetch(`${server.url}/items/M-00003/attachments`, {
      method: 'POST',
      headers: { cookie: analyst.cookie },
      body: form,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'too_many_files', params: { max: 1 } });
    expect(await countRows(server.store.db)).toEqual(before);
  });

  it('attaches several photos to an item one after another, each listed with the item', async () => {
    const photos = [
      PNG,
      Buffer.concat([PNG, Buffer.from('second')]),
      Buffer.concat([PNG, Buffer.from('third')]),
    ];
    for (const [i, data] of photos.entries()) {
      const uploaded = await analyst.upload<Attachment>('/items/M-00002/attachments', {
        name: `p${i}.png`,
        data,
      });
      expect([uploaded.status, uploaded.body.item]).toEqual([201, 'M-00002']);
    }
    const listed = await analyst.get<Attachment[]>('/items/M-00002/attachments');
    expect(listed.body.map((a) => a.fileName)).toEqual(['p0.png', 'p1.png', 'p2.png']);
  });

  it('keeps path tricks out of file names', async () => {
    const tricky = await analyst.upload<Attachment>(`/incidents/${enc(KIDAL)}/attachments`, {
      name: '../../etc/passwd.pdf',
      data: PDF,
    });
    expect(tricky.body.fileName).toBe('passwd.pdf');
    expect(safeFileName('..\\..\\x\u0000.png')).toBe('x.png');
    expect(safeFileName('..')).toBe('file');
  });

  it('refuses to serve a file altered on disk', async () => {
    const uploaded = await analyst.upload<Attachment>(`/incidents/${enc(SEVARE)}/attachments`, {
      name: 'r.pdf',
      data: Buffer.concat([PDF, Buffer.from('x')]),
    });
    await writeFile(
      `${server.evidenceDir}/${uploaded.body.sha256.slice(0, 2)}/${uploaded.body.sha256}`,
      Buffer.concat([PDF, Buffer.from('y')]),
    );
    expect((await analyst.get(`/attachments/${uploaded.body.id}`)).status).toBe(500);
  });

  it('shows a partner only the evidence of released incidents', async () => {
    const partner = await server.signIn('partner');
    expect((await partner.get<Attachment[]>(`/incidents/${enc(KIDAL)}/attachments`)).body).toEqual([]);
    const [first] = (await analyst.get<Attachment[]>(`/incidents/${enc(KIDAL)}/attachments`)).body;
    expect((await partner.get(`/attachments/${first!.id}`)).status).toBe(404);
    expect(
      (await partner.upload(`/incidents/${enc(KIDAL)}/attachments`, { name: 'x.png', data: PNG })).status,
    ).toBe(403);
  });

  it('hides a photo from a partner once its item moves to an incident not released to it', async () => {
    const partner = await server.signIn('partner');
    expect((await analyst.put(`/incidents/${enc(SEVARE)}/releases/${enc('Panel of Experts')}`)).status).toBe(
      200,
    );
    const item = itemRow({ ref: 'M-MOVES', incident_ref: SEVARE });
    expect((await analyst.post('/items', item)).status).toBe(201);
    const photo = await analyst.upload<Attachment>('/items/M-MOVES/attachments', {
      name: 'moves.png',
      data: PNG,
    });
    expect(photo.status).toBe(201);
    const seen = async () => ({
      item: (await partner.get('/items/M-MOVES')).status,
      list: (await partner.get<Attachment[]>('/items/M-MOVES/attachments')).body,
      atSevare: (await partner.get<Attachment[]>(`/incidents/${enc(SEVARE)}/attachments`)).body.map(
        (a) => a.id,
      ),
      file: (await partner.get(`/attachments/${photo.body.id}`)).status,
    });
    expect(await seen()).toMatchObject({ item: 200, list: [{ id: photo.body.id }], file: 200 });
    expect((await seen()).atSevare).toContain(photo.body.id);

    expect((await analyst.put('/items/M-MOVES', { ...item, incident_ref: KIDAL })).status).toBe(200);
    expect(await seen()).toEqual({
      item: 404,
      list: [],
      atSevare: expect.not.arrayContaining([photo.body.id]),
      file: 404,
    });
    // The analyst finds the photo with the incident the item belongs to now.
    const atKidal = await analyst.get<Attachment[]>(`/incidents/${enc(KIDAL)}/attachments`);
    expect(atKidal.body.map((a) => a.id)).toContain(photo.body.id);
  });

  it('records the chain of custody of an item, and ends it when the item is destroyed', async () => {
    const event = (e: Record<string, unknown>) => analyst.post('/items/M-00001/custody', e);
    expect(
      (
        await event({
          event: 'collected',
          at: '2015-08-08T09:00:00Z',
          by: 'UNPOL forensic team',
          place: 'Sévaré',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await event({
          event: 'sealed',
          at: '2015-08-08T10:00:00Z',
          by: 'UNPOL forensic team',
          seal: 'S-0042',
        })
      ).status,
    ).toBe(201);
    expect((await event({ event: 'transferred', at: '2015-09-01T08:00:00Z', by: 'UNPOL' })).status).toBe(400);
    expect(
      (
        await event({
          event: 'transferred',
          at: '2015-09-01T08:00:00Z',
          by: 'UNPOL',
          to: 'Malian judicial police',
        })
      ).status,
    ).toBe(201);
    expect(
      (await event({ event: 'destroyed', at: '2016-01-10T08:00:00Z', by: 'Malian judicial police' })).status,
    ).toBe(201);
    expect((await event({ event: 'examined', at: '2016-02-10T08:00:00Z', by: 'lab' })).status).toBe(409);
    expect((await event({ event: 'collected', at: '2999-01-01T00:00:00Z', by: 'x' })).status).toBe(400);
    const chain = await analyst.get<{ event: string; seal: string | null }[]>('/items/M-00001/custody');
    expect(chain.body.map((e) => e.event)).toEqual(['collected', 'sealed', 'transferred', 'destroyed']);
    expect(chain.body[1]!.seal).toBe('S-0042');
    // The chain is evidence: the item's record cannot be deleted from under it.
    const deleted = await analyst.delete<{ error: string }>('/items/M-00001', { reason: 'entered twice' });
    expect([deleted.status, deleted.body.error]).toEqual([
      409,
      'item "M-00001" has a chain of custody; it cannot be deleted',
    ]);
    expect((await analyst.get('/items/M-00001')).status).toBe(200);
  });
});
