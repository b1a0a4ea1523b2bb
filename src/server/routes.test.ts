import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/policy';
import { incidentRow, itemRow, KIDAL, registerFiles } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import type { Db } from '../db/store';
import { writeRows } from '../register/register.service';
import { importFiles } from '../transfer/import';
import { settleLeads } from '../leads/queue';

const enc = encodeURIComponent;
const ROLES: Role[] = ['administrator', 'analyst', 'reviewer', 'documenter', 'partner'];

/**
 * Every route, called by every role, against a register where Kidal is internal and
 * unreleased: the status each role gets is the access policy as users meet it.
 */
const READS: [string, string, Record<Role | 'anonymous', number>][] = [
  [
    'GET',
    '/incidents',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    `/incidents/${enc(KIDAL)}`,
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 404, anonymous: 401 },
  ],
  [
    'GET',
    '/items/M-00003',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 404, anonymous: 401 },
  ],
  [
    'GET',
    '/leads',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    '/stats',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    `/samples/${enc('ammo:7.62x39:cn-61:2015')}`,
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 404, anonymous: 401 },
  ],
  [
    'GET',
    `/samples/suggest?q=${enc('7.62x39 2015')}`,
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/links',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/reference/calibres',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/reference/manufacturers',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/reference/models',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/reference/mappings',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/reference/region-boundaries',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/reference/regions',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    `/places?q=${enc('Ménaka')}&country=ML`,
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/places/towns?west=-5&south=12&east=5&north=20&zoom=7',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/baselines',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/embargoes',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/actors',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    `/history/incident/${enc(KIDAL)}`,
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    '/deleted',
    { administrator: 200, analyst: 403, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    `/incidents/${enc(KIDAL)}/releases`,
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    '/releases',
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    '/partners',
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    '/case-files/2147483647/gaps',
    { administrator: 404, analyst: 404, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    `/incidents/${enc(KIDAL)}/attachments`,
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/items/M-00003/custody',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 404, anonymous: 401 },
  ],
  [
    'GET',
    '/users',
    { administrator: 200, analyst: 403, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    '/leads/evaluation',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    '/leads/status',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    '/leads/assignees',
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    '/tracing-requests',
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    '/reports/weapons-register?from=2015-01-01&to=2021-12-31',
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    '/reports/years',
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    '/reports/sdg-16-4-2?from=2015-01-01&to=2021-12-31',
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'GET',
    '/auth/me',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/auth/tokens',
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'GET',
    '/auth/tokens?all=true',
    { administrator: 200, analyst: 403, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
];

/** Records a write needs to find: made before each call, as what the call is about. */
const made = {
  /** A validated incident `INC-n`, or one in another state. */
  async incident(db: Db, n: number, state: { status?: 'draft'; deleted?: true } = {}) {
    await writeRows(db, 'incidents', [incidentRow({ ref: `INC-${n}` })], 'test', { user: 'test' });
    if (!state.status && !state.deleted) return;
    await db
      .updateTable('incidents')
      .set({
        ...(state.status ? { status: state.status } : {}),
        ...(state.deleted ? { deleted_at: new Date(), deleted_reason: 'a test deletion' } : {}),
      })
      .where('ref', '=', `INC-${n}`)
      .execute();
  },
  /** An item `ITEM-n` at Kidal, deleted or not. */
  async item(db: Db, n: number, deleted = false) {
    await writeRows(db, 'items', [itemRow({ ref: `ITEM-${n}`, incident_ref: KIDAL })], 'test', {
      user: 'test',
    });
    if (deleted)
      await db
        .updateTable('items')
        .set({ deleted_at: new Date(), deleted_reason: 'a test deletion' })
        .where('ref', '=', `ITEM-${n}`)
        .execute();
  },
};

/**
 * Writes each role may or may not make; each call uses fresh references so none depends on
 * another, and what it acts on is made first when it needs to exist.
 */
const WRITES: [
  string,
  (n: number) => [string, string, unknown],
  Record<Role | 'anonymous', number>,
  ((db: Db, n: number) => Promise<void>)?,
][] = [
  [
    'create an incident',
    (n) => ['POST', '/incidents', incidentRow({ ref: `NEW-${n}` })],
    { administrator: 201, analyst: 201, reviewer: 403, documenter: 201, partner: 403, anonymous: 401 },
  ],
  [
    'change a validated incident',
    () => ['PUT', `/incidents/${enc(KIDAL)}`, incidentRow()],
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 404, anonymous: 401 },
  ],
  [
    'validate a draft',
    (n) => ['POST', `/incidents/INC-${n}/validate`, undefined],
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 403, partner: 403, anonymous: 401 },
    (db, n) => made.incident(db, n, { status: 'draft' }),
  ],
  [
    'send a draft back',
    (n) => ['POST', `/incidents/INC-${n}/send-back`, { comment: 'Give the grid reference.' }],
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 403, partner: 403, anonymous: 401 },
    (db, n) => made.incident(db, n, { status: 'draft' }),
  ],
  [
    'delete a validated incident',
    (n) => ['DELETE', `/incidents/INC-${n}`, { reason: 'duplicate of an earlier report' }],
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 404, anonymous: 401 },
    (db, n) => made.incident(db, n),
  ],
  [
    'restore a deleted incident',
    (n) => ['POST', `/incidents/INC-${n}/restore`, undefined],
    { administrator: 200, analyst: 403, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
    (db, n) => made.incident(db, n, { deleted: true }),
  ],
  [
    'change an item of a validated incident',
    (n) => ['PUT', `/items/ITEM-${n}`, itemRow({ ref: `ITEM-${n}`, incident_ref: KIDAL, quantity: '3' })],
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 404, anonymous: 401 },
    (db, n) => made.item(db, n),
  ],
  [
    'delete an item of a validated incident',
    (n) => ['DELETE', `/items/ITEM-${n}`, { reason: 'counted twice' }],
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 404, anonymous: 401 },
    (db, n) => made.item(db, n),
  ],
  [
    'restore a deleted item',
    (n) => ['POST', `/items/ITEM-${n}/restore`, undefined],
    { administrator: 200, analyst: 403, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
    (db, n) => made.item(db, n, true),
  ],
  [
    'add an item to a validated incident',
    (n) => ['POST', '/items', itemRow({ ref: `ITEM-${n}`, incident_ref: KIDAL })],
    { administrator: 201, analyst: 201, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'record custody',
    () => ['POST', '/items/M-00003/custody', { event: 'examined', at: '2021-09-01T10:00:00Z', by: 'lab' }],
    { administrator: 201, analyst: 201, reviewer: 403, documenter: 201, partner: 403, anonymous: 401 },
  ],
  [
    'release to a partner',
    () => ['PUT', `/incidents/${enc(KIDAL)}/releases/${enc('Somebody else')}`, undefined],
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'import',
    () => [
      'POST',
      '/import',
      { dryRun: true, files: [{ name: 'actors.csv', content: Buffer.from('name\nX\n').toString('base64') }] },
    ],
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'recognise materiel as typed (nothing written)',
    () => [
      'POST',
      '/reference/recognise',
      {
        incidentDate: '2021-08-02',
        items: [{ category: 'ammunition', calibre: '7.62x39', markings: '539 75' }],
      },
    ],
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 200, anonymous: 401 },
  ],
  [
    'decide on a lead',
    () => [
      'POST',
      '/leads/decisions',
      { kind: 'linked_incidents', subject: 'group:ammo:7.62x39:cn-61:2015', status: 'confirmed' },
    ],
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'decide on leads in bulk',
    () => [
      'POST',
      '/leads/decisions/bulk',
      {
        findings: [{ kind: 'linked_incidents', subject: 'group:ammo:7.62x39:cn-61:2015' }],
        assignee: null,
      },
    ],
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'record a visit of the findings inbox',
    () => ['POST', '/leads/visit', undefined],
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'open a tracing request',
    () => [
      'POST',
      '/tracing-requests',
      {
        items: ['M-00001'],
        addresseeCountry: 'RU',
        addressee: 'Ministry of Foreign Affairs',
        channel: 'bilateral',
        purpose: 'To establish how the rifle reached Sévaré.',
      },
    ],
    { administrator: 201, analyst: 201, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'map a value to a reference entry',
    (n) => [
      'POST',
      '/reference/mappings',
      { field: 'manufacturer', written: `Tulsky ${n}`, target: 'su-539' },
    ],
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'remove a mapping that does not exist',
    () => ['DELETE', '/reference/mappings?field=manufacturer&written=nothing', undefined],
    { administrator: 404, analyst: 404, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'add a manufacturer to the reference list',
    (n) => [
      'POST',
      '/reference/manufacturers',
      {
        key: `ml-test-works-${n}`,
        name: `Test works ${n}`,
        country: 'ML',
        makes: ['ammunition'],
        headstampCodes: [`T${n}`],
        source: 'test entry',
        confidence: 'low',
      },
    ],
    { administrator: 201, analyst: 403, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'import region boundaries',
    () => [
      'PUT',
      '/reference/region-boundaries/ML',
      {
        source: 'test boundaries',
        geojson: {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { name: 'Kidal' },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [0, 17],
                    [1, 17],
                    [1, 18],
                    [0, 17],
                  ],
                ],
              },
            },
          ],
        },
      },
    ],
    { administrator: 200, analyst: 200, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'create an account',
    (n) => [
      'POST',
      '/users',
      { username: `u${n}`, displayName: 'U', role: 'analyst', password: 'a long enough password' },
    ],
    { administrator: 201, analyst: 403, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'create an API token',
    (n) => ['POST', '/auth/tokens', { name: `t${n}` }],
    { administrator: 200, analyst: 200, reviewer: 200, documenter: 200, partner: 403, anonymous: 401 },
  ],
  [
    'revoke an API token that does not exist',
    () => ['DELETE', '/auth/tokens/999999', undefined],
    { administrator: 404, analyst: 404, reviewer: 404, documenter: 404, partner: 404, anonymous: 401 },
  ],
  [
    'disable an account that does not exist',
    () => ['PATCH', '/users/nobody-at-all', { disabled: true }],
    { administrator: 404, analyst: 403, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'change the role of an account that does not exist',
    () => ['PATCH', '/users/nobody-at-all', { role: 'analyst' }],
    { administrator: 404, analyst: 403, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
  [
    'open a case file with its first members',
    (n) => ['POST', '/case-files', { title: `File ${n}`, members: { incidents: [KIDAL] } }],
    { administrator: 201, analyst: 201, reviewer: 403, documenter: 403, partner: 403, anonymous: 401 },
  ],
];

describe('every route for every role', () => {
  let server: TestServer;
  const clients = new Map<Role | 'anonymous', Client>();
  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    await settleLeads(server.store.db);
    for (const role of ROLES) clients.set(role, await server.signIn(role));
    clients.set('anonymous', server.anonymous());
  });
  afterAll(() => server.close());

  it.each(READS)('%s %s answers each role as the policy says', async (method, path, expected) => {
    const got = Object.fromEntries(
      await Promise.all(
        [...clients].map(async ([role, client]) => [role, (await client.request(method, path)).status]),
      ),
    );
    expect(got).toEqual(expected);
  });

  let n = 0;
  it.each(WRITES)('may %s only with the right role', async (_what, call, expected, prepare) => {
    const got: Record<string, number> = {};
    for (const [role, client] of clients) {
      const [method, path, body] = call(++n);
      await prepare?.(server.store.db, n);
      got[role] = (await client.request(method, path, body)).status;
    }
    expect(got).toEqual(expected);
  });
});
