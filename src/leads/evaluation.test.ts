import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFiles } from '../demo/load';
import { startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import { evaluateAttribution } from './engine';
import type { AttributionEvaluationView } from './leads.schema';
import { defaultLeadSettings } from './settings';

describe('attribution tested on the register', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    expect((await importFiles(server.store.db, demoFiles(), { user: 'test' })).errors).toEqual([]);
  });
  afterAll(() => server.close());

  it('tells an analyst how often hiding an actor and predicting it comes out right', async () => {
    const analyst = await server.signIn('analyst');
    const answer = await analyst.get<AttributionEvaluationView>('/leads/evaluation');
    expect(answer.status).toBe(200);
    const { evaluated, predicted, correct, precision, coverage } = answer.body;
    expect(evaluated).toBeGreaterThan(50);
    expect(predicted).toBeGreaterThan(0);
    expect(predicted).toBeLessThanOrEqual(evaluated);
    expect(correct).toBeLessThanOrEqual(predicted);
    expect(precision).toBeCloseTo(correct / predicted, 3);
    expect(coverage).toBeCloseTo(predicted / evaluated, 3);
    expect(answer.body).toEqual(await evaluateAttribution(server.store.db));
  });

  it('predicts less, and no worse, when more confidence is asked for', async () => {
    const loose = await evaluateAttribution(server.store.db, {
      ...defaultLeadSettings,
      attributionMinConfidence: 0.6,
    });
    const strict = await evaluateAttribution(server.store.db, {
      ...defaultLeadSettings,
      attributionMinConfidence: 0.95,
    });
    expect(strict.predicted).toBeLessThan(loose.predicted);
    expect(strict.minConfidence).toBe(0.95);
  });

  it('keeps the figures from documenters, partners and strangers', async () => {
    expect((await (await server.signIn('documenter')).get('/leads/evaluation')).status).toBe(403);
    expect(
      (await (await server.signIn('partner', { partner: 'Panel of Experts' })).get('/leads/evaluation'))
        .status,
    ).toBe(403);
    expect((await server.anonymous().get('/leads/evaluation')).status).toBe(401);
  });
});
