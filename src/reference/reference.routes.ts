import { z } from 'zod';
import { loadEmbargoRecords } from '../embargoes/embargoes.repository';
import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';

/** Reference lists every signed-in role reads: field teams pick calibres and producers from them. */
export async function referenceRoutes(app: TypedApp, { store }: RouteContext) {
  const { db } = store;
  const list = z.array(z.record(z.string(), z.unknown()));

  app.get(
    '/reference/calibres',
    { schema: { tags: ['reference'], response: { 200: list } } },
    async (request) => {
      viewerOf(request);
      return db.selectFrom('calibres').select(['key', 'label', 'kind', 'aliases']).orderBy('key').execute();
    },
  );

  app.get(
    '/reference/manufacturers',
    { schema: { tags: ['reference'], response: { 200: list } } },
    async (request) => {
      viewerOf(request);
      return db
        .selectFrom('manufacturers')
        .select([
          'key',
          'name',
          'country',
          'headstamp_codes as headstampCodes',
          'aliases',
          'confidence',
          'source',
        ])
        .orderBy('key')
        .execute();
    },
  );

  app.get(
    '/reference/models',
    { schema: { tags: ['reference'], response: { 200: list } } },
    async (request) => {
      viewerOf(request);
      return db
        .selectFrom('models')
        .select(['key', 'label', 'category', 'type', 'calibre', 'aliases'])
        .orderBy('key')
        .execute();
    },
  );

  app.get('/baselines', { schema: { tags: ['reference'], response: { 200: list } } }, async (request) => {
    viewerOf(request);
    return db
      .selectFrom('baselines')
      .select([
        'holder',
        'country',
        'category',
        'model',
        'calibre',
        'manufacturer',
        'year',
        'lot',
        'source',
        'sample_key as sample',
      ])
      .orderBy('country')
      .orderBy('natural_key')
      .execute();
  });

  app.get('/embargoes', { schema: { tags: ['reference'], response: { 200: list } } }, async (request) => {
    viewerOf(request);
    // The listed actors of an actor-based embargo are what it is about.
    const embargoes = [...(await loadEmbargoRecords(db)).values()];
    return embargoes.sort((a, b) => a.start.localeCompare(b.start));
  });
}
