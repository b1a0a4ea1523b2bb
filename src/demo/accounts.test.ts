import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/store';
import { listIncidents, type IncidentFilter } from '../incidents/incidents.queries';
import { authenticate } from '../users/sessions.repository';
import { testStore } from '../test/store';
import { createDemoAccountsIfNone, DEMO_ACCOUNTS } from './accounts';
import { loadDemoIfEmpty } from './load';

const everything: IncidentFilter = { sort: 'ref', page: 1, pageSize: 500 };

describe('the demo accounts', () => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore();
    await loadDemoIfEmpty(store.db, { incidents: 150 });
  });
  afterAll(() => store.close());

  it('creates one account per role, once, and releases the linked AKMS attacks to the Panel', async () => {
    expect(await createDemoAccountsIfNone(store.db)).toHaveLength(DEMO_ACCOUNTS.length);
    expect(await createDemoAccountsIfNone(store.db)).toEqual([]);
    const panel = await authenticate(store.db, 'panel', 'demo-panel-password');
    expect(panel?.role).toBe('partner');
    const seen = await listIncidents(store.db, panel!, everything);
    expect(seen.total).toBeGreaterThanOrEqual(4);
    const analyst = await authenticate(store.db, 'analyst', 'demo-analyst-password');
    expect((await listIncidents(store.db, analyst!, everything)).total).toBeGreaterThan(seen.total);
  });
});
