import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../audit/audit';
import { incidentRow, KIDAL, registerFiles, SEVARE, SOFARA } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import { xmlText } from './kml';
import { propertyNames, tableColumns } from './export-rows';

const run = promisify(execFile);
const enc = encodeURIComponent;
const PANEL = 'Panel of Experts';

/** Text meant to break a file format: quotes, markup, a CDATA end, line breaks, right-to-left text and emoji. */
const HOSTILE = [
  'He said "stop" & \'ran\' <script>alert(1)</script> ]]> --> <![CDATA[ x ]]>',
  'line two, ; tab\there',
  'مرحبا بالعالم ‮reversed‬ שלום 🔫💥 👨‍👩‍👧 end',
].join('\n');
const HOSTILE_REF = '230305 Seizure, "Gao" <&> ]]>';
/** A bell character: XML 1.0 cannot hold it at all, so the map formats replace it. */
const HOSTILE_TARGET = '=HYPERLINK("http://example.org","click") \u0007bell';

interface Feature {
  type: string;
  id: string;
  geometry: { type: string; coordinates: [number, number] };
  properties: Record<string, string | number | null>;
}
interface Collection {
  type: string;
  headstamp: { selected: number; features: number; withoutCoordinates: number; export: string };
  features: Feature[];
}

/**
 * GDAL's KML reader, instead of libkml: a strict XML (expat) parser that reads only names and
 * descriptions, but says what geometry each folder holds.
 */
const STRICT_KML = ['--config', 'OGR_SKIP', 'LIBKML'];

/** GDAL's summary of a file (`ogrinfo -so`): its layers, with their geometry and feature count. */
async function ogrSummary(file: string, options: string[] = []) {
  const { stdout } = await run('ogrinfo', [...options, '-ro', '-al', '-so', file]);
  const layers = [
    ...stdout.matchAll(/^Layer name: (.*)$\n(?:.*\n)*?^Geometry: (.*)$\n^Feature Count: (\d+)$/gm),
  ];
  return {
    text: stdout,
    layers: layers.map((m) => ({ name: m[1]!, geometry: m[2]!, count: Number(m[3]) })),
  };
}

/** Every feature GDAL reads in a file (through CSV files, one per layer), its geometry as WKT. */
async function ogrRows(file: string, dir: string, options: string[] = []): Promise<Record<string, string>[]> {
  const out = join(dir, `ogr-${Math.random().toString(36).slice(2)}`);
  await run('ogr2ogr', [...options, '-f', 'CSV', out, file, '-lco', 'GEOMETRY=AS_WKT']);
  const rows: Record<string, string>[] = [];
  for (const name of await readdir(out)) {
    rows.push(
      ...(parse(await readFile(join(out, name)), { columns: true, bom: true }) as Record<string, string>[]),
    );
  }
  return rows;
}

describe('exporting a selection of incidents for other tools', () => {
  let server: TestServer;
  let analyst: Client;
  let partner: Client;
  let dir: string;

  const download = async (client: Client, query: string) => {
    const response = await fetch(`${server.url}/incident-export?${query}`, {
      headers: { cookie: client.cookie },
    });
    return { response, data: Buffer.from(await response.arrayBuffer()) };
  };
  const exportsLogged = async () =>
    server.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'export')
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    // Without the readers the formats are not checked at all: fail at once, saying what to install.
    for (const [command, debianPackage] of [
      ['ogrinfo', 'gdal-bin'],
      ['soffice', 'libreoffice-calc-nogui'],
    ]) {
      await run('sh', ['-c', `command -v ${command}`]).catch(() => {
        throw new Error(`these tests read the exports with ${command}: apt-get install -y ${debianPackage}`);
      });
    }
    server = await startServer();
    dir = await mkdtemp(join(tmpdir(), 'headstamp-exports-'));
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    analyst = await server.signIn('analyst', { username: 'analyst' });
    partner = await server.signIn('partner', { username: 'panel', partner: PANEL });
    const hostile = incidentRow({
      ref: HOSTILE_REF,
      date: '2023-03',
      type: 'seizure',
      admin1: 'Gao',
      place: 'Gao <port> & "quay"',
      lat: '16.2666',
      lon: '-0.0400',
      target: HOSTILE_TARGET,
      summary: 'replaced below',
    });
    expect((await analyst.post('/incidents', hostile)).status).toBe(201);
    // Imports and forms fold line breaks into spaces; a record written otherwise (a restored
    // backup, a later editor) may hold them, and the exports must carry them too.
    await server.store.db
      .updateTable('incidents')
      .set({ summary: HOSTILE })
      .where('ref', '=', HOSTILE_REF)
      .execute();
    for (const ref of [SEVARE, HOSTILE_REF])
      expect((await analyst.put(`/incidents/${enc(ref)}/releases/${enc(PANEL)}`)).status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes GeoJSON that GDAL reads: located incidents as lon/lat points with their properties, the others counted', async () => {
    const { response, data } = await download(analyst, 'format=geojson');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/geo+json');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="headstamp-incidents-\d{4}-\d{2}-\d{2}\.geojson"$/,
    );
    expect(response.headers.get('x-headstamp-selected')).toBe('4');
    expect(response.headers.get('x-headstamp-written')).toBe('3');
    const collection = JSON.parse(data.toString('utf8')) as Collection;
    expect(collection.type).toBe('FeatureCollection');
    expect(collection).not.toHaveProperty('crs');
    expect(collection.headstamp).toMatchObject({ selected: 4, features: 3, withoutCoordinates: 1 });
    // Newest first; Sofara has no coordinates.
    expect(collection.features.map((f) => f.id)).toEqual([HOSTILE_REF, KIDAL, SEVARE]);
    const sevare = collection.features.find((f) => f.id === SEVARE)!;
    expect(sevare.geometry).toEqual({ type: 'Point', coordinates: [-4.0921, 14.5311] });
    expect(Object.keys(sevare.properties)).toEqual(propertyNames);
    expect(sevare.properties).toMatchObject({
      ref: SEVARE,
      date: '2015-08-07',
      type: 'complex_attack',
      type_label: 'Complex attack',
      country: 'ML',
      admin1: 'Mopti',
      actor: 'Katibat Macina',
      killed: 13,
      peacekeepers_killed: 5,
      items: 2,
      materiel_weapon: 1,
      materiel_ammunition: 30,
      materiel_explosive: 0,
    });
    expect(sevare.properties.url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/incidents\/150807%20Complex%20attack%2C%20S%C3%A9var%C3%A9$/,
    );
    expect(collection.features.find((f) => f.id === HOSTILE_REF)!.properties.summary).toBe(HOSTILE);

    const file = join(dir, 'selection.geojson');
    await writeFile(file, data);
    const summary = await ogrSummary(file);
    expect(summary.layers).toEqual([expect.objectContaining({ geometry: 'Point', count: 3 })]);
    expect(summary.text).toMatch(/^summary: String/m);
    const rows = await ogrRows(file, dir);
    const hostile = rows.find((r) => r.ref === HOSTILE_REF)!;
    expect(hostile.summary).toBe(HOSTILE);
    expect(hostile.target).toBe(HOSTILE_TARGET);
    expect(hostile.WKT).toBe('POINT (-0.04 16.2666)');
  });

  it('writes KML 2.2 that GDAL reads: a Placemark per located incident with an escaped description, a TimeStamp and its type’s style', async () => {
    const { response, data } = await download(analyst, 'format=kml&lang=fr');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.google-earth.kml+xml; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /filename="headstamp-incidents-[\d-]+\.kml"$/,
    );
    const kml = data.toString('utf8');
    expect(kml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<kml xmlns="http:\/\/www.opengis.net\/kml\/2.2">/,
    );
    expect(kml.match(/<Placemark>/g)).toHaveLength(3);
    expect(kml).not.toContain(SOFARA);
    expect(kml).toContain('<TimeStamp><when>2023-03</when></TimeStamp>');
    expect(kml).toContain('<TimeStamp><when>2015-08-07</when></TimeStamp>');
    expect(kml).toMatch(/<Style id="type-ied_attack"><IconStyle><color>ff1c1ae4<\/color>/);
    expect(kml).toContain('<styleUrl>#type-complex_attack</styleUrl>');
    expect(kml).toContain('<Folder><name>Attaque complexe</name>');
    expect(kml).toContain('3 des 4 incidents');
    // The record's markup is escaped twice: as HTML inside the description, then as XML.
    expect(kml).toContain('&amp;lt;script&amp;gt;');
    expect(kml).not.toMatch(/<script|\]\]>/);
    expect(kml).not.toContain('\u0007');

    const file = join(dir, 'selection.kml');
    await writeFile(file, data);
    // GDAL's strict reader: well-formed XML, a folder of points per type.
    const strict = await ogrSummary(file, STRICT_KML);
    expect(strict.layers).toEqual([
      { name: 'Attaque à l’EEI', geometry: 'Point', count: 1 },
      { name: 'Attaque complexe', geometry: 'Point', count: 1 },
      { name: 'Saisie', geometry: 'Point', count: 1 },
    ]);
    const described = (await ogrRows(file, dir, STRICT_KML)).find((r) => r.Name === HOSTILE_REF)!;
    expect(described.WKT).toBe('POINT (-0.04 16.2666)');
    // The description is HTML, in which the record's text stays text.
    expect(described.Description).toContain('&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt;');
    expect(described.Description).toContain('<br>line two');
    expect(described.Description).toContain('🔫💥');
    expect(described.Description).toContain('<th align="left">Cible</th>');
    // libkml, GDAL's default reader (as Google Earth's own library), reads the ExtendedData too.
    expect((await ogrSummary(file)).layers.reduce((n, l) => n + l.count, 0)).toBe(3);
    const extended = (await ogrRows(file, dir)).find((r) => r.Name === HOSTILE_REF)!;
    expect(extended.summary).toBe(HOSTILE);
    expect(extended.target).toBe(HOSTILE_TARGET.replace('\u0007', '\uFFFD'));
    expect(extended.type_label).toBe('Saisie');
    expect(extended.WKT).toBe('POINT (-0.04 16.2666)');
  });

  it('writes every incident of the selection as CSV, coordinates or not, spreadsheet formulas defused', async () => {
    const { response, data } = await download(analyst, 'format=csv&admin1=Mopti');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parse(data, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...tableColumns]);
    expect(rows.map((r) => r.ref)).toEqual([SOFARA, SEVARE]);
    expect(rows[0]).toMatchObject({ lat: '', lon: '', date: '2016-09', materiel_ammunition: '3' });

    const all = parse((await download(analyst, 'format=csv')).data, { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    const hostile = all.find((r) => r.ref === HOSTILE_REF)!;
    expect(hostile.summary).toBe(HOSTILE);
    expect(hostile.target).toBe(`'${HOSTILE_TARGET}`);
    // Sources can name people: they are in no export.
    expect(data.toString('utf8')).not.toContain('JMAC daily report');
  });

  it('writes an XLSX workbook that LibreOffice opens with the same rows as the CSV export', async () => {
    const csv = parse((await download(analyst, 'format=csv')).data, { bom: true }) as string[][];
    const { response, data } = await download(analyst, 'format=xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const file = join(dir, 'selection.xlsx');
    await writeFile(file, data);
    // Its own profile, so the test neither needs nor disturbs a user's LibreOffice settings.
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1',
        '--outdir',
        join(dir, 'lo'),
        file,
      ],
      { timeout: 120_000 },
    );
    const read = parse(await readFile(join(dir, 'lo', 'selection.csv')), { bom: true }) as string[][];
    // The workbook cannot hold the bell character at all: it is dropped there.
    expect(read).toEqual(csv.map((row) => row.map((cell) => cell.replace('\u0007', ''))));
  }, 180_000);

  it('gives a partner only the incidents released to it, in every format', async () => {
    const geojson = JSON.parse(
      (await download(partner, 'format=geojson')).data.toString('utf8'),
    ) as Collection;
    expect(geojson.features.map((f) => f.id)).toEqual([HOSTILE_REF, SEVARE]);
    expect(geojson.headstamp.selected).toBe(2);
    const kml = (await download(partner, 'format=kml')).data.toString('utf8');
    expect(kml.match(/<Placemark>/g)).toHaveLength(2);
    expect(kml).not.toContain('Kidal');
    const csv = parse((await download(partner, 'format=csv')).data, { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(csv.map((r) => r.ref)).toEqual([HOSTILE_REF, SEVARE]);
    // A filter cannot reach around the release: Kidal matches it, but is not the partner's.
    const kidal = await download(partner, `format=csv&q=${enc('Kidal')}`);
    expect(parse(kidal.data, { columns: true, bom: true })).toEqual([]);
    expect(kidal.response.headers.get('x-headstamp-selected')).toBe('0');
  });

  it('records every export in the audit log: who, which selection, which format, how many incidents', async () => {
    const before = (await exportsLogged()).length;
    const { response } = await download(partner, `format=kml&from=2015-01-01&type=complex_attack`);
    expect(response.status).toBe(200);
    const logged = await exportsLogged();
    expect(logged).toHaveLength(before + 1);
    const entry = logged.at(-1)!;
    expect(entry).toMatchObject({
      actor: 'panel',
      action: 'create',
      entity_key: response.headers.get('x-headstamp-export'),
    });
    expect(entry.after).toEqual({
      format: 'kml',
      filters: { from: '2015-01-01', type: 'complex_attack' },
      partner: PANEL,
      selected: 1,
      written: 1,
      withoutCoordinates: 0,
      refs: [SEVARE],
    });
    expect(await verifyAuditLog(server.store.db)).toMatchObject({ ok: true });
  });

  it('refuses a bad format or filter with a 400 that names it, and logs nothing', async () => {
    const before = (await exportsLogged()).length;
    const cases: [string, string, RegExp][] = [
      ['', 'format', /format must be one of geojson, kml, csv, xlsx/],
      ['format=shp', 'format', /format must be one of geojson, kml, csv, xlsx/],
      ['format=kml&from=2021-13-45', 'from', /./],
      ['format=kml&type=picnic', 'type', /./],
      ['format=kml&country=Mali', 'country', /./],
      ['format=csv&page=2', '', /page/],
      ['format=csv&lang=de', 'lang', /./],
    ];
    for (const [query, path, message] of cases) {
      const response = await analyst.get<{ error: string; issues: { path: string; message: string }[] }>(
        `/incident-export?${query}`,
      );
      expect(response.status, query).toBe(400);
      expect(response.body.error).toBe('invalid request');
      const issue = response.body.issues.find((i) => i.path === path);
      expect(issue, `${query}: ${JSON.stringify(response.body.issues)}`).toBeDefined();
      expect(issue!.message).toMatch(message);
    }
    expect((await server.anonymous().get('/incident-export?format=csv')).status).toBe(401);
    expect(await exportsLogged()).toHaveLength(before);
  });
  it('is described in the OpenAPI document, with its formats and the filters of the incident list', async () => {
    const doc = await server.anonymous().get<{
      paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[] } }>;
    }>('/openapi.json');
    const parameters = doc.body.paths['/api/v1/incident-export']!.get.parameters;
    expect(parameters.find((p) => p.name === 'format')!.schema.enum).toEqual([
      'geojson',
      'kml',
      'csv',
      'xlsx',
    ]);
    expect(parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['from', 'to', 'type', 'country', 'admin1', 'actor', 'q', 'hasItems', 'lang']),
    );
  });
});

describe('text in KML', () => {
  it('escapes markup and replaces what XML cannot hold, keeping every other character', () => {
    expect(xmlText(`<a href="x">Tom & 'Jerry'</a> ]]>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt; ]]&gt;',
    );
    expect(xmlText('bell\u0007 nul\u0000 lone\uD800 \uFFFE')).toBe('bell\uFFFD nul\uFFFD lone\uFFFD \uFFFD');
    const kept = 'tab\tline\nمرحبا ‮ 🔫 👨‍👩‍👧 é';
    expect(xmlText(kept)).toBe(kept);
  });
});
