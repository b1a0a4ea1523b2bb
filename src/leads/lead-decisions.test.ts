import { settleLeads } from './queue';
import { defaultLeadSettings } from './settings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFiles } from '../test/fixtures';
import { type Client, startServer, type TestServer } from '../test/server';
import { importFiles } from '../transfer/import';
import { refreshLeads } from './engine';
import type { LeadDecisionView, LeadView } from './leads.schema';

describe('decisions on leads', () => {
  let server: TestServer;
  let analyst: Client;
  let leads: LeadView[];
  // A register of three incidents: its weaker findings are kept too, so that three can be decided.
  const leadSettings = { ...defaultLeadSettings, findingMinScore: 0 };
  const auditOf = (key: string) =>
    server.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'before', 'after'])
      .where('entity', '=', 'lead')
      .where('entity_key', '=', key)
      .orderBy('id')
      .execute();
  const decisionRows = async () =>
    Number(
      (
        await server.store.db
          .selectFrom('lead_decisions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    // A register of three incidents: its weaker findings are kept too, so that three can be decided.
    server = await startServer({ leadSettings: { ...defaultLeadSettings, findingMinScore: 0 } });
    expect((await importFiles(server.store.db, registerFiles(), { user: 'test' })).errors).toEqual([]);
    await settleLeads(server.store.db);
    analyst = await server.signIn('analyst', { username: 'amina' });
    leads = (await analyst.get<LeadView[]>('/leads')).body;
    expect(leads.length).toBeGreaterThanOrEqual(3);
  });
  afterAll(() => server.close());

  it('confirms a lead, shows the decision with the lead and audits it', async () => {
    const [lead] = leads;
    const { kind, subject } = lead!;
    const decided = await analyst.post<LeadDecisionView>('/leads/decisions', {
      kind,
      subject,
      status: 'confirmed',
      reason: 'Same lot seen by the Panel in 2020',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'confirmed', decidedBy: 'amina' });

    const listed = (await analyst.get<LeadView[]>('/leads?status=confirmed')).body;
    expect(listed.map((l) => l.subject)).toEqual([subject]);
    expect(listed[0]!.decision?.reason).toBe('Same lot seen by the Panel in 2020');
    const open = (await analyst.get<LeadView[]>('/leads?status=open')).body;
    expect(open.some((l) => l.kind === kind && l.subject === subject)).toBe(false);
    expect(open).toHaveLength(leads.length - 1);

    const audit = await auditOf(`${kind} ${subject}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actor: 'amina', before: null });
    expect(audit[0]!.after).toMatchObject({ status: 'confirmed' });
  });

  it('refuses a dismissal without a reason and writes nothing', async () => {
    const { kind, subject } = leads[1]!;
    const before = await decisionRows();
    const refused = await analyst.post<{ error: string; issues: { path: string }[] }>('/leads/decisions', {
      kind,
      subject,
      status: 'dismissed',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.issues.map((i) => i.path)).toContain('reason');
    expect(await decisionRows()).toBe(before);
    expect(await auditOf(`${kind} ${subject}`)).toHaveLength(0);
  });

  it('dismisses with a reason, then reopens, keeping both steps in the audit log', async () => {
    const { kind, subject } = leads[1]!;
    const dismissed = await analyst.post('/leads/decisions', {
      kind,
      subject,
      status: 'dismissed',
      reason: 'Casings from a training range, not an attack',
    });
    expect(dismissed.status).toBe(200);
    const reopened = await analyst.post<LeadDecisionView>('/leads/decisions', {
      kind,
      subject,
      status: 'open',
    });
    expect(reopened.body).toMatchObject({ status: 'open' });
    expect(reopened.body.reason).toBeUndefined();
    const audit = await auditOf(`${kind} ${subject}`);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]!.before).toMatchObject({ status: 'dismissed' });
  });

  it('assigns a lead to an analyst, lists it by assignee, and takes it back', async () => {
    const { kind, subject } = leads[2]!;
    await server.signIn('analyst', { username: 'brice' });
    const assigned = await analyst.post<LeadDecisionView>('/leads/decisions', {
      kind,
      subject,
      assignee: 'brice',
    });
    expect(assigned.body).toMatchObject({ status: 'open', assignee: 'brice' });
    const mine = (await analyst.get<LeadView[]>('/leads?assignee=brice')).body;
    expect(mine.map((l) => l.subject)).toEqual([subject]);

    const unassigned = await analyst.post<LeadDecisionView>('/leads/decisions', {
      kind,
      subject,
      assignee: null,
    });
    expect(unassigned.body.assignee).toBeUndefined();
    expect((await analyst.get<LeadView[]>('/leads?assignee=brice')).body).toEqual([]);
  });

  it('refuses to assign a lead to someone who cannot take one', async () => {
    const { kind, subject } = leads[2]!;
    await server.signIn('documenter', { username: 'field-team' });
    for (const assignee of ['field-team', 'nobody-of-that-name']) {
      const refused = await analyst.post<{ error: string }>('/leads/decisions', { kind, subject, assignee });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toContain(assignee);
    }
  });

  it('keeps a decision when the engine recomputes every lead', async () => {
    const { kind, subject } = leads[0]!;
    await server.store.db
      .transaction()
      .execute((trx) => refreshLeads(trx, { full: true, settings: leadSettings }));
    const after = (await analyst.get<LeadView[]>('/leads')).body.find(
      (l) => l.kind === kind && l.subject === subject,
    );
    expect(after?.decision?.status).toBe('confirmed');
  });

  it('lets a reviewer read decisions but not make them, and keeps partners out', async () => {
    const { kind, subject } = leads[0]!;
    const reviewer = await server.signIn('reviewer');
    expect((await reviewer.get<LeadView[]>('/leads?status=confirmed')).body).toHaveLength(1);
    expect((await reviewer.post('/leads/decisions', { kind, subject, status: 'open' })).status).toBe(403);
    expect((await reviewer.get('/leads/assignees')).status).toBe(403);
    const partner = await server.signIn('partner');
    expect((await partner.post('/leads/decisions', { kind, subject, status: 'open' })).status).toBe(403);
    expect((await analyst.get<LeadView[]>('/leads?status=confirmed')).body[0]!.decision?.status).toBe(
      'confirmed',
    );
  });

  it('lists the analysts a lead can be assigned to, and no one else', async () => {
    const names = (await analyst.get<{ username: string }[]>('/leads/assignees')).body.map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['amina', 'brice']));
    expect(names).not.toContain('field-team');
  });

  it('answers malformed, hostile and unknown decisions with a clear error and writes nothing', async () => {
    const listed = (await analyst.get<LeadView[]>('/leads')).body.length;
    const { kind, subject } = leads[0]!;
    const before = await decisionRows();
    const cases: [unknown, number][] = [
      [{ kind, subject }, 400],
      [{ kind: 'rumour', subject, status: 'confirmed' }, 400],
      [{ kind, status: 'confirmed' }, 400],
      [{ kind, subject, status: 'settled' }, 400],
      [{ kind, subject, status: 'confirmed', role: 'administrator' }, 400],
      [{ kind, subject, assignee: 'brice', reason: 'a reason without a status' }, 400],
      [{ kind, subject: "x'; DROP TABLE leads; --", status: 'confirmed' }, 404],
      [{ kind, subject, status: 'dismissed', reason: 'x'.repeat(2_500) }, 400],
      [{ kind, subject, status: 'dismissed', reason: 'x'.repeat(20_000) }, 413],
      [[{ kind, subject, status: 'confirmed' }], 400],
    ];
    for (const [body, status] of cases) {
      const answer = await analyst.post<{ error: string }>('/leads/decisions', body);
      expect([JSON.stringify(body).slice(0, 80), answer.status]).toEqual([
        JSON.stringify(body).slice(0, 80),
        status,
      ]);
      expect(answer.body.error).toBeTruthy();
    }
    const truncated = await analyst.request('POST', '/leads/decisions', undefined, `{"kind":"${kind}","subj`);
    expect(truncated.status).toBe(400);
    expect(await decisionRows()).toBe(before);
    expect((await analyst.get<LeadView[]>('/leads')).body).toHaveLength(listed);
  });
});
