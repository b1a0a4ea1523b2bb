import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specs } from '../register/specs';
import { countRows, KIDAL, registerFiles } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';

const enc = encodeURIComponent;

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }
    >
  >;
}

/** Text meant to break a schema, a query or a file: the boundary must answer 4xx to all of it. */
const HOSTILE = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  'a\udc00b',
  '🔫',
  '=1+1',
  "'; DROP TABLE items; --",
  '%',
  '\\',
  '9'.repeat(400),
  'x'.repeat(70_000),
  '2021-02-30',
  '-1',
  'true',
  KIDAL,
  'M-00003',
  'analyst',
  'administrator',
  'ML',
];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 20 }));
const value: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(hostileString, { maxLength: 3 }),
  fc.constantFrom(null, true, -1, 0, 1e308, 2 ** 31, -0.5),
);

/**
 * Random and hostile bodies to every route of the API that takes a JSON body, as an
 * administrator (the role that may call them all): the answer is below 500, and a refusal
 * changes nothing. The routes come from the OpenAPI document, so a new route is covered the day
 * it is added; the property names of each body come from it too, so that bodies get past "not
 * an object" to the checks of each field.
 */
describe('every JSON body of the API, given random and hostile bodies', () => {
  let server: TestServer;
  let admin: Client;
  let routes: { method: string; path: string; properties: string[] }[];

  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    admin = await server.signIn('administrator');
    const tracing = await admin.post<{ ref: string }>('/tracing-requests', {
      items: ['M-00001'],
      addresseeCountry: 'RU',
      addressee: 'Ministry of Foreign Affairs',
      channel: 'bilateral',
      purpose: 'To establish how the rifle reached Sévaré.',
    });
    const caseFile = await admin.post<{ id: number }>('/case-files', { title: 'Property test' });
    const params: Record<string, string> = {
      ref: KIDAL,
      country: 'ML',
      username: 'nobody-at-all',
      partner: 'Panel of Experts',
      id: String(caseFile.body.id),
    };
    const columns = (path: string) =>
      path.includes('/items')
        ? specs.items.columns.map((c) => c.name)
        : specs.incidents.columns.map((c) => c.name);
    const doc = (await admin.get<OpenApi>('/openapi.json')).body;
    routes = Object.entries(doc.paths).flatMap(([template, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => op.requestBody?.content['application/json'])
        .map(([method, op]) => {
          const path = template
            .replace(/^\/api\/v1/, '')
            .replace(
              '{ref}',
              enc(
                template.startsWith('/api/v1/tracing')
                  ? tracing.body.ref
                  : template.includes('/items')
                    ? 'M-00003'
                    : params.ref!,
              ),
            )
            .replace(/\{(\w+)\}/g, (_m, name: string) => enc(params[name] ?? 'x'));
          const schema = op.requestBody!.content['application/json']!.schema;
          return {
            method: method.toUpperCase(),
            path,
            properties: Object.keys(schema.properties ?? {}).concat(schema.properties ? [] : columns(path)),
          };
        }),
    );
    expect(routes.length).toBeGreaterThanOrEqual(24);
  });
  afterAll(() => server.close());

  const state = async () => ({
    rows: await countRows(server.store.db),
    tokens: (await server.store.db.selectFrom('api_tokens').select('id').execute()).length,
    users: (await server.store.db.selectFrom('users').select('id').execute()).length,
  });

  it('answers each below 500, and a refusal changes nothing', async () => {
    for (const route of routes) {
      const body = fc.oneof(
        {
          weight: 3,
          arbitrary: fc
            .dictionary(fc.constantFrom(...route.properties, 'extra'), value, { maxKeys: 6 })
            .map((b) => ({ json: b })),
        },
        { weight: 1, arbitrary: value.map((b) => ({ json: b })) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map((raw) => ({ raw })) },
      );
      await fc.assert(
        fc.asyncProperty(body, async (sent) => {
          const before = await state();
          const response =
            'raw' in sent
              ? await admin.request(route.method, route.path, undefined, sent.raw)
              : await admin.request(route.method, route.path, undefined, JSON.stringify(sent.json) ?? 'null');
          const what = `${route.method} ${route.path} ${JSON.stringify(sent).slice(0, 300)}: ${JSON.stringify(response.body).slice(0, 300)}`;
          expect(response.status, what).toBeLessThan(500);
          if (response.status >= 400) expect(await state(), what).toEqual(before);
        }),
        { numRuns: 12 },
      );
    }
  });
});
