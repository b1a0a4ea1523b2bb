import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLeads } from '../leads/leads.queries';
import { systemViewer } from '../access/policy';
import { casingPhoto, screenshotPdfPages } from '../test/images';
import { KIDAL, registerFiles, SEVARE, SOFARA } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import type { CaseFile } from './casefile.schema';
import { casePackageSchema } from './casefile-package';
import { settleLeads } from '../leads/queue';

// PDFs are read back with poppler-utils (Debian's `poppler-utils`, installed by .ci/run).
const FINDING =
  'Des fusils d’assaut de même modèle, producteur et année ont été utilisés à Sévaré et à Kidal. ' +
  'Les culots « 61 15 » relient les deux attaques ; la piste mène à Ségou — ɛ, ɔ, ŋ → fin.';
const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('case file documents: the PDF and the machine-readable package', () => {
  let server: TestServer;
  let analyst: Client;
  let caseFile: CaseFile;
  let pngPhoto: Buffer;
  let jpegPhoto: Buffer;
  const work = mkdtempSync(join(tmpdir(), 'headstamp-casefile-'));

  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    await settleLeads(server.store.db);
    analyst = await server.signIn('analyst');
    pngPhoto = casingPhoto();
    // A real JPEG, as cameras make them: poppler writes one from a page of a PDF.
    writeFileSync(join(work, 'source.pdf'), await pdfHolding(pngPhoto));
    execFileSync('pdftoppm', [
      '-jpeg',
      '-r',
      '30',
      '-singlefile',
      join(work, 'source.pdf'),
      join(work, 'photo'),
    ]);
    jpegPhoto = readFileSync(join(work, 'photo.jpg'));

    const png = await analyst.upload<{ id: number }>(
      '/items/M-00003/attachments',
      { name: 'culot 61 15.png', data: pngPhoto },
      { caption: 'Culot de la douille, vue de dessous' },
    );
    const jpeg = await analyst.upload<{ id: number }>(
      `/incidents/${encodeURIComponent(SEVARE)}/attachments`,
      {
        name: 'scene.jpg',
        data: jpegPhoto,
      },
    );
    expect([png.status, jpeg.status]).toEqual([201, 201]);
    const created = await analyst.post<CaseFile>('/case-files', {
      title: 'Fusils d’assaut AKMS : cinq attaques, trois pays',
      finding: FINDING,
      classification: 'confidential',
      handling: 'Releasable to the Panel of Experts on Mali',
    });
    expect(created.status).toBe(201);
    const [lead] = await listLeads(server.store.db, systemViewer);
    const added = await analyst.post<CaseFile>(`/case-files/${created.body.id}/members`, {
      incidents: [SOFARA],
      items: ['M-00001', 'M-00002', 'M-00003', 'M-00004'],
      photos: [png.body.id, jpeg.body.id],
      leads: lead ? [{ kind: lead.kind, subject: lead.subject }] : [],
    });
    expect(added.status).toBe(200);
    caseFile = added.body;
    expect(caseFile.leads.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** A one-page PDF showing a picture, for poppler to turn into a JPEG. */
  async function pdfHolding(picture: Buffer): Promise<Buffer> {
    const doc = new PDFDocument({ size: [320, 240], margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.image(picture, 0, 0, { width: 320 }).end();
    await ended;
    return Buffer.concat(chunks);
  }

  async function download(path: string) {
    const response = await fetch(`${server.url}${path}`, { headers: { cookie: analyst.cookie } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      data: Buffer.from(await response.arrayBuffer()),
    };
  }

  it('renders the finding, every item’s markings and the incident references, with the pages expected', async () => {
    const pdf = await download(`/case-files/${caseFile.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const file = join(work, 'case-file.pdf');
    writeFileSync(file, pdf.data);
    // Title, map and incidents, items, leads, and one page per two photos.
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', file))?.[1]);
    expect(pages).toBe(5);
    const text = squash(poppler('pdftotext', '-layout', file, '-'));
    expect(squash(poppler('pdftotext', file, '-'))).toContain(squash(FINDING));
    for (const item of caseFile.items) {
      for (const marking of [
        item.ref,
        item.record.markings,
        item.record.serial,
        item.record.calibre,
        item.record.model,
      ]) {
        if (marking) expect(text).toContain(marking);
      }
    }
    expect(text).toContain('Egypt');
    expect(text).toContain('Complex attack');
    for (const ref of [SEVARE, SOFARA, KIDAL]) expect(text).toContain(ref);
    for (let page = 1; page <= pages; page++) {
      const one = poppler('pdftotext', '-f', String(page), '-l', String(page), file, '-');
      expect(one).toContain('CONFIDENTIAL — Releasable to the Panel of Experts on Mali');
      expect(one).toContain(`Page ${page} of ${pages}`);
    }
    expect(poppler('pdfinfo', file)).toMatch(/Title:\s+Fusils d’assaut AKMS/);
    // The map page: boundaries from world-atlas named, located incidents labelled with their number
    // and place (Sofara has no coordinates), drawn as vector paths (the only images are the photos).
    const mapPage = squash(poppler('pdftotext', '-f', '2', '-l', '2', file, '-'));
    for (const label of ['Mali', 'Burkina Faso', '1 Sévaré', '3 Kidal', '2 of 3 incidents located'])
      expect(mapPage).toContain(label);
    expect(mapPage).not.toContain('2 Sofara');
    // Pictures for a person to look at: the title page and the map page.
    screenshotPdfPages(file, 'casefile-page', 1, 2);
  });

  it('renders the case file in French on request, vocabulary and page labels included', async () => {
    const pdf = await download(`/case-files/${caseFile.id}/pdf?lang=fr`);
    expect(pdf.status).toBe(200);
    const file = join(work, 'dossier.pdf');
    writeFileSync(file, pdf.data);
    const text = squash(poppler('pdftotext', '-layout', file, '-'));
    for (const french of [
      'DOSSIER',
      'Constat',
      'Carte des incidents',
      'Attaque complexe',
      'Égypte',
      'Page 1 sur 5',
      // Dates and kinds of object as French writes them.
      '7 août 2015',
      'Arme / Fusil d’assaut',
    ])
      expect(text).toContain(french);
    expect(text).toContain(squash(FINDING));
    expect(text).not.toContain('Map of the incidents');
    expect((await download(`/case-files/${caseFile.id}/pdf?lang=de`)).status).toBe(400);
  });

  it('embeds the photos, JPEG and PNG, as images', async () => {
    const file = join(work, 'photos.pdf');
    writeFileSync(file, (await download(`/case-files/${caseFile.id}/pdf`)).data);
    const images = poppler('pdfimages', '-list', file).trim().split('\n').slice(2);
    expect(images.map((line) => line.trim().split(/\s+/)[2])).toEqual(['image', 'image']);
    // poppler names a JPEG's encoding "jpeg" and a PNG's (Flate) "image".
    expect(images.map((line) => line.trim().split(/\s+/)[8]).sort()).toEqual(['image', 'jpeg']);
  });

  it('prints a case file assembled from one finding: its incidents, their items and photos, and the finding', async () => {
    const created = await analyst.post<CaseFile>('/case-files', {
      title: 'Lot 61 15',
      members: { leads: [{ kind: 'linked_incidents', subject: 'group:ammo:7.62x39:cn-61:2015' }] },
    });
    expect(created.status).toBe(201);
    const assembled = created.body;
    expect(assembled.incidents.map((i) => i.ref)).toEqual([SEVARE, KIDAL]);
    expect(assembled.items.map((i) => i.ref)).toEqual(['M-00001', 'M-00003', 'M-00004']);
    expect(assembled.photos.map((p) => p.item ?? p.incident)).toEqual(['M-00003', SEVARE]);

    const file = join(work, 'from-finding.pdf');
    writeFileSync(file, (await download(`/case-files/${assembled.id}/pdf`)).data);
    const text = squash(poppler('pdftotext', '-layout', file, '-'));
    expect(text).toContain('2 incidents · 3 items · 2 photos · 1 lead');
    for (const ref of [SEVARE, KIDAL, 'M-00001', 'M-00003', 'M-00004']) expect(text).toContain(ref);
    // The tables send the reader to the photos of each item and incident, numbered as printed.
    expect(text).toMatch(/M-00003 .*photo 1/);
    expect(text).toContain('Photo 1 — item M-00003, incident 210814 IED attack, Kidal');
    expect(text).toContain('Photo 2 — incident 150807 Complex attack, Sévaré');
    // The finding, with what it cites.
    // Named as people say it, not by the engine's key.
    expect(text).toContain(
      `Linked incidents: 7.62 × 39 mm ammunition, Factory 61 (China), 2015 — ${SEVARE} and ${KIDAL}`,
    );
    expect(text).not.toContain('group:');
    expect(text).toContain('items: M-00003; M-00004');
    expect(squash(poppler('pdftotext', file, '-'))).toContain(
      squash(assembled.leads[0]!.explanation).slice(0, 60),
    );
    expect(poppler('pdfimages', '-list', file).trim().split('\n').slice(2)).toHaveLength(2);

    const french = join(work, 'from-finding-fr.pdf');
    writeFileSync(french, (await download(`/case-files/${assembled.id}/pdf?lang=fr`)).data);
    const texte = squash(poppler('pdftotext', '-layout', french, '-'));
    expect(texte).toContain('2 incidents · 3 objets · 2 photos · 1 piste');
    expect(texte).toContain('objets : M-00003; M-00004');
    expect(texte).toContain(
      `Incidents liés : munitions 7,62 × 39 mm, usine 61 (Chine), 2015 — ${SEVARE} et ${KIDAL}`,
    );
    expect(texte).toContain('Photo 1 — objet M-00003');

    const entries = unzipSync(new Uint8Array((await download(`/case-files/${assembled.id}/package`)).data));
    const document = casePackageSchema.parse(
      JSON.parse(Buffer.from(entries['case-file.json']!).toString('utf8')),
    );
    expect(document.leads.map((l) => l.subject)).toEqual(['group:ammo:7.62x39:cn-61:2015']);
    expect(document.photos.map((p) => p.path)).toEqual(
      assembled.photos.map(
        (p) => `photos/${p.id}-${p.sha256.slice(0, 12)}.${p.mediaType === 'image/png' ? 'png' : 'jpg'}`,
      ),
    );
    for (const p of document.photos) expect(entries[p.path]).toBeDefined();
    const items = Buffer.from(entries['items.csv']!).toString('utf8');
    for (const ref of ['M-00001', 'M-00003', 'M-00004']) expect(items).toContain(ref);
    screenshotPdfPages(file, 'casefile-from-finding', 1, 3);
  });

  it('packages case-file.json, incidents.csv, items.csv and the photos in a zip', async () => {
    const zip = await download(`/case-files/${caseFile.id}/package`);
    expect(zip.status).toBe(200);
    expect(zip.type).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(zip.data));
    const photoNames = caseFile.photos.map(
      (p) => `photos/${p.id}-${p.sha256.slice(0, 12)}.${p.mediaType === 'image/png' ? 'png' : 'jpg'}`,
    );
    expect(Object.keys(entries).sort()).toEqual(
      ['case-file.json', 'case-file.schema.json', 'incidents.csv', 'items.csv', ...photoNames].sort(),
    );
    const document = casePackageSchema.parse(
      JSON.parse(Buffer.from(entries['case-file.json']!).toString('utf8')),
    );
    expect(document.finding).toBe(FINDING);
    expect(document).not.toHaveProperty('releasedTo');
    const schema = JSON.parse(Buffer.from(entries['case-file.schema.json']!).toString('utf8'));
    expect(schema.properties.items.type).toBe('array');
    const csv = (name: string) =>
      parse(Buffer.from(entries[name]!).toString('utf8'), { columns: true, bom: true }) as Record<
        string,
        string
      >[];
    expect(
      csv('incidents.csv')
        .map((r) => r.ref)
        .sort(),
    ).toEqual([SEVARE, SOFARA, KIDAL].sort());
    expect(csv('incidents.csv').every((r) => r.source === '')).toBe(true);
    expect(csv('items.csv').map((r) => [r.ref, r.markings])).toEqual(
      caseFile.items.map((i) => [i.ref, i.record.markings]),
    );
    const bytes = Object.fromEntries(caseFile.photos.map((p, i) => [p.mediaType, entries[photoNames[i]!]!]));
    expect(Buffer.from(bytes['image/png']!)).toEqual(pngPhoto);
    expect(Buffer.from(bytes['image/jpeg']!)).toEqual(jpegPhoto);
  });
});
