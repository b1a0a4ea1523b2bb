import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../register/store';
import { commandLineStore, runHeadstamp } from '../test/cli';
import { csv, incidentRow, registerFiles, SEVARE, SOFARA } from '../test/fixtures';
import { canonicalFile, entityKinds } from '../records/entity';

/**
 * Smoke tests of the command line as a user runs it: `node bin/headstamp.js …` on an embedded
 * store in a temporary folder. Each run costs seconds, so the tests share one register and run
 * in order: dry run, import, a rejected import, stats, export.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let work: string;
let files: string[];

const headstamp = (...args: string[]) => runHeadstamp(work, 'store', ...args);
const headstampIn = (storeFolder: string, ...args: string[]) => runHeadstamp(work, storeFolder, ...args);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'headstamp-cli-'));
  // A migrated store to start from; `restore` below starts on a folder that holds none.
  await commandLineStore(join(work, 'store'));
  mkdirSync(join(work, 'in'));
  files = registerFiles().map(({ name, data }) => {
    const path = join(work, 'in', name);
    writeFileSync(path, data);
    return path;
  });
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

// Several runs per test, each starting the program and opening the store: on a busy 2-core
// machine, with other test files running beside, a test can take minutes.
describe('headstamp CLI', { timeout: 300_000 }, () => {
  it('runs from a bundle whose first modules load no store, server, spreadsheet or PDF library', async () => {
    const built = await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'build-cli.js')]);
    const main = join(ROOT, built.stdout.trim().replace(/^.*: /, ''));
    // What `headstamp --help` loads: the static imports of the entry, followed through its chunks.
    const packages = new Set<string>();
    const visit = (file: string, seen: Set<string>) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/^import\s[^;]*?["']([^"']+)["'];$/gms)) {
        if (target!.startsWith('./')) visit(join(dirname(file), target!), seen);
        else if (!target!.startsWith('node:')) packages.add(target!);
      }
    };
    visit(main, new Set());
    expect([...packages].sort()).toEqual(['commander', 'zod']);
    const help = await headstamp('--help');
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('import [options] <files...>')]);
  });

  it('import --dry-run checks the files, says so, and writes nothing', async () => {
    // Without geocoding: reading the gazetteer costs a CLI process seconds (places.routes.test.ts
    // tests it); Sofara, without coordinates, would be looked up.
    const run = await headstamp('import', '--dry-run', '--no-geocode', ...files);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Dry run: the files are valid; nothing was written.');
  });

  it('import prints a summary line per file and exits 0 (all new: the dry run wrote nothing)', async () => {
    const run = await headstamp('import', '--user', 'cli-test', '--no-geocode', ...files);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const expected = [
      ['actors', 2],
      ['incidents', 3],
      ['items', 4],
      ['baselines', 1],
      ['embargoes', 2],
    ] as const;
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(expected.length);
    expected.forEach(([kind, n], i) =>
      expect(lines[i]).toBe(
        `${join(work, 'in', `${kind}.csv`)} (${kind}): ${n} ${lines[i]!.includes(' rows ') ? 'rows' : 'row'} — ${n} new, 0 changed, 0 unchanged`,
      ),
    );
  });

  it('rejects a bad file with file:line: column: messages on stderr and a non-zero exit', async () => {
    mkdirSync(join(work, 'bad'));
    const bad = join(work, 'bad', 'incidents.csv');
    writeFileSync(
      bad,
      csv([incidentRow({ ref: 'NEW-1' }), incidentRow({ ref: 'NEW-2', country: 'Narnia' })]),
    );
    const run = await headstamp('import', bad);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `${bad}:3: country: "Narnia" is not a country (ISO code or English or French name)\n`,
    );
    expect(run.stderr).toContain('Nothing was written: 1 problem(s) to fix, then import again.');
  });

  it('stats --json prints parseable JSON of the register as imported (the rejected file left nothing)', async () => {
    const run = await headstamp('stats', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const stats = JSON.parse(run.stdout) as {
      incidents: { total: number };
      items: { total: number; quantity: number };
    };
    expect(stats.incidents.total).toBe(3);
    expect(stats.items).toMatchObject({ total: 4, quantity: 46 });
  });

  it('export <dir> writes the five canonical CSV files', async () => {
    const target = join(work, 'out');
    const run = await headstamp('export', target);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readdirSync(target).sort()).toEqual(entityKinds.map((kind) => canonicalFile[kind]).sort());
    for (const kind of entityKinds) expect(existsSync(join(target, canonicalFile[kind]))).toBe(true);
    const incidents = readFileSync(join(target, canonicalFile.incidents), 'utf8').split('\r\n');
    expect(incidents[0]).toMatch(/^\uFEFFref,date,type,country,/);
    expect(incidents.filter((line) => line !== '')).toHaveLength(1 + 3);
  });

  it('export --format geojson|kml writes the filtered incidents to a file, audited; a bad filter exits non-zero', async () => {
    const geojson = join(work, 'mopti.geojson');
    const run = await headstamp(
      'export',
      '--format',
      'geojson',
      '--admin1',
      'Mopti',
      '--user',
      'cli-test',
      geojson,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Sofara is in Mopti but has no coordinates.
    expect(run.stdout).toMatch(
      /^Wrote .*mopti\.geojson: 1 incident \(1 without coordinates left out\); export [0-9a-f-]{36} is in the audit log\.\n$/,
    );
    const store = await openStore({ dataDir: join(work, 'store') });
    const logged = await store.db
      .selectFrom('audit_log')
      .select(['actor', 'entity_key', 'after'])
      .where('entity', '=', 'export')
      .execute();
    await store.close();
    expect(logged).toEqual([
      {
        actor: 'cli-test',
        entity_key: run.stdout.match(/export ([0-9a-f-]{36})/)![1],
        after: expect.objectContaining({
          format: 'geojson',
          filters: { admin1: 'Mopti' },
          selected: 2,
          written: 1,
        }),
      },
    ]);
    const collection = JSON.parse(readFileSync(geojson, 'utf8')) as {
      features: { id: string; properties: { url: string } }[];
    };
    expect(collection.features.map((f) => f.id)).toEqual(['150807 Complex attack, Sévaré']);
    expect(collection.features[0]!.properties.url).toBe(
      'http://127.0.0.1:8080/incidents/150807%20Complex%20attack%2C%20S%C3%A9var%C3%A9',
    );

    const kml = join(work, 'all.kml');
    expect(
      (await headstamp('export', '--format', 'kml', '--base-url', 'https://headstamp.example', kml)).code,
    ).toBe(0);
    expect(readFileSync(kml, 'utf8').match(/<Placemark>/g)).toHaveLength(2);
    expect(readFileSync(kml, 'utf8')).toContain('https://headstamp.example/incidents/');

    const bad = await headstamp('export', '--format', 'kml', '--from', '2021-13-01', join(work, 'bad.kml'));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^headstamp: --from: /);
    expect(existsSync(join(work, 'bad.kml'))).toBe(false);
    const stray = await headstamp('export', '--admin1', 'Mopti', join(work, 'folder'));
    expect(stray.code).not.toBe(0);
    expect(stray.stderr).toContain('select incidents for --format exports only');
  });

  it('leads --json prints the leads as a JSON array, each with its evidence, and filters by kind', async () => {
    const run = await headstamp('leads', '--json');
    expect(run.code).toBe(0);
    const leads = JSON.parse(run.stdout) as {
      kind: string;
      incidents: string[];
      samples: string[];
      score: number;
      explanation: string;
    }[];
    expect(leads.length).toBeGreaterThan(0);
    for (const lead of leads) {
      expect(Object.keys(lead)).toEqual(
        expect.arrayContaining(['kind', 'incidents', 'items', 'samples', 'score', 'explanation']),
      );
    }
    const shared = leads.find((l) => l.kind === 'linked_incidents');
    expect(shared?.samples).toEqual(['ammo:7.62x39:cn-61:2015']);
    const onlyLinks = JSON.parse(
      (await headstamp('leads', '--kind', 'linked_incidents', '--json')).stdout,
    ) as {
      kind: string;
    }[];
    expect(onlyLinks.length).toBeGreaterThan(0);
    expect(new Set(onlyLinks.map((l) => l.kind))).toEqual(new Set(['linked_incidents']));
    const none = JSON.parse((await headstamp('leads', '--kind', 'new_type', '--json')).stdout) as unknown[];
    expect(none).toEqual([]);
    const bad = await headstamp('leads', '--kind', 'gossip');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/gossip/);
  });

  it('leads --evaluate reports attribution precision and coverage on the register, as text or JSON', async () => {
    const json = await headstamp('leads', '--evaluate', '--json');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as Record<string, number>;
    expect(Object.keys(result).sort()).toEqual(
      ['correct', 'coverage', 'evaluated', 'minConfidence', 'precision', 'predicted', 'thresholds'].sort(),
    );
    expect(result.minConfidence).toBe(0.7);
    const text = await headstamp('leads', '--evaluate');
    expect(text.stdout).toMatch(/precision [\d.]+\)/);
    expect(text.stdout).toContain(`${result.evaluated} incidents with shared samples`);
    // One line a threshold, to choose the setting by.
    expect(text.stdout.match(/^ {2}≥ 0\.\d0 {2}precision \d\.\d\d {2}coverage \d\.\d\d/gm)).toHaveLength(5);
  });

  it('leads --lang fr explains the leads in French, English being the default', async () => {
    const french = await headstamp('leads', '--lang', 'fr');
    expect(french.code).toBe(0);
    expect(french.stdout).toMatch(/ont en commun|nouveau sur le théâtre|n’a pas d’acteur connu|lors de/);
    expect(french.stdout).not.toContain('distinctive sample');
    const english = await headstamp('leads');
    expect(english.stdout).toContain('distinctive sample');
    expect(english.stdout).not.toContain('(s)');
    expect((await headstamp('leads', '--lang', 'de')).code).not.toBe(0);
  });

  it('leads prints the strongest first, --sort date the newest first, and --limit cuts the list', async () => {
    type Printed = { kind: string; score: number; date: string; explanation: string };
    const byScore = JSON.parse((await headstamp('leads', '--json')).stdout) as Printed[];
    expect(byScore.length).toBeGreaterThan(1);
    for (let i = 1; i < byScore.length; i++) {
      const [before, after] = [byScore[i - 1]!, byScore[i]!];
      expect(before.score).toBeGreaterThanOrEqual(after.score);
      if (before.score === after.score) expect(before.date >= after.date).toBe(true);
    }
    const byDate = JSON.parse((await headstamp('leads', '--sort', 'date', '--json')).stdout) as Printed[];
    expect(byDate).toHaveLength(byScore.length);
    for (let i = 1; i < byDate.length; i++) expect(byDate[i - 1]!.date >= byDate[i]!.date).toBe(true);
    const top = JSON.parse((await headstamp('leads', '--limit', '2', '--json')).stdout) as Printed[];
    expect(top).toEqual(byScore.slice(0, 2));
    const text = await headstamp('leads', '--limit', '2');
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines.slice(0, 2).map((line) => line.split(/\s+/).slice(0, 3).join(' '))).toEqual(
      byScore.slice(0, 2).map((l) => `${l.date} ${l.kind} ${l.score.toFixed(2)}`),
    );
    expect(lines[2]).toBe('2 leads.');
    const bad = await headstamp('leads', '--sort', 'colour');
    expect(bad.code).not.toBe(0);
  });

  it('leads --country and --region keep the findings with an incident there; a bad --facet is refused', async () => {
    type Printed = { incidents: string[]; drafts: number };
    const all = JSON.parse((await headstamp('leads', '--json')).stdout) as Printed[];
    expect(all.length).toBeGreaterThan(0);
    const inMali = JSON.parse((await headstamp('leads', '--country', 'ml', '--json')).stdout) as Printed[];
    expect(inMali).toEqual(all);
    const inNiger = await headstamp('leads', '--country', 'NE', '--json');
    expect(inNiger.code).toBe(0);
    expect(JSON.parse(inNiger.stdout)).toEqual([]);
    // Accents and case forgiven, as everywhere in the app: "MÖPTI" is Mopti.
    const mopti = JSON.parse((await headstamp('leads', '--region', 'MÖPTI', '--json')).stdout) as Printed[];
    const expected = all.filter((l) => l.incidents.some((ref) => ref === SEVARE || ref === SOFARA));
    expect(expected.length).toBeGreaterThan(0);
    expect(mopti).toEqual(expected);
    const validated = JSON.parse(
      (await headstamp('leads', '--validated-only', '--json')).stdout,
    ) as Printed[];
    expect(validated).toEqual(all.filter((l) => l.drafts === 0));
    const bad = await headstamp('leads', '--facet', 'gossip');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/gossip/);
  });

  it('sample KEY --json prints the profile of a sample, and says so when there is none', async () => {
    const run = await headstamp('sample', 'ammo:7.62x39:cn-61:2015', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      sample: 'ammo:7.62x39:cn-61:2015',
      items: 2,
      countries: ['ML'],
    });
    const none = await headstamp('sample', 'ammo:9x19:none:1900');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No item has the sample/);
  });

  it('map says once what a value means, lists the mappings, and refuses an entry that does not exist', async () => {
    const mapped = await headstamp('map', 'calibre', '7,62 court', '7.62x39');
    expect(mapped.code).toBe(0);
    expect(mapped.stdout).toMatch(/Keyed again: 0 item\(s\), 0 baseline row\(s\)/);
    const list = await headstamp('map');
    expect(list.stdout).toMatch(/calibre\t7,62 court\t→ 7\.62x39/);
    const refused = await headstamp('map', 'manufacturer', 'Tulsky', 'su-9999');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/no manufacturer "su-9999"/);
  });

  it('report register writes the weapons recovered in a period to a file; report sdg prints the indicator', async () => {
    // The small register has one weapon: an AKMS recovered at Sévaré on 7 August 2015.
    const file = join(work, 'register-2015.csv');
    const run = await headstamp(
      'report',
      'register',
      '--from',
      '2015-01-01',
      '--to',
      '2015-12-31',
      '--out',
      file,
    );
    expect([run.code, run.stdout.trim()]).toEqual([0, `Wrote ${file}: 1 seized, 0 collected, 0 destroyed.`]);
    expect(readFileSync(file, 'utf8')).toContain('SN-11-4471');
    const sdg = await headstamp('report', 'sdg', '--from', '2015-01-01', '--to', '2015-12-31', '--json');
    expect(JSON.parse(sdg.stdout)).toMatchObject({ arms: 1, established: 0, proportion: 0 });
    const bad = await headstamp('report', 'sdg', '--from', '2015-12-31', '--to', '2015-01-01');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--to: the period ends before it starts');
    const noFormat = await headstamp(
      'report',
      'register',
      '--from',
      '2015-01-01',
      '--to',
      '2015-12-31',
      '--out',
      'x.pdf',
    );
    expect(noFormat.code).not.toBe(0);
    expect(noFormat.stderr).toContain('.csv or .xlsx');
  });

  it('backup writes the register to a file that restore loads into an empty store, and only there', async () => {
    const file = join(work, 'register.backup.gz');
    expect((await headstamp('backup', file)).code).toBe(0);
    const restored = await headstampIn('restored', 'restore', file);
    expect(restored.stdout).toMatch(/^Restored \d+ rows/);
    const stats = JSON.parse((await headstampIn('restored', 'stats', '--json')).stdout) as {
      incidents: { total: number };
    };
    expect(stats.incidents.total).toBe(3);
    const again = await headstampIn('restored', 'restore', file);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
  });

  it('refuses to open the store while another process has it, naming its pid, and opens it once that one closed', async () => {
    const store = await openStore({ dataDir: join(work, 'store'), purpose: 'headstamp serve' });
    let refused;
    try {
      expect(existsSync(join(work, 'store', 'headstamp.lock'))).toBe(true);
      refused = await headstamp('stats');
    } finally {
      await store.close();
    }
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(
      `headstamp: a Headstamp server (pid ${process.pid}) has the store ${join(work, 'store')} open since`,
    );
    expect(refused.stderr).toContain("stop it, or run this command against the server's API");
    expect(existsSync(join(work, 'store', 'headstamp.lock'))).toBe(false);
    expect((await headstamp('stats')).code).toBe(0);
  });
});
