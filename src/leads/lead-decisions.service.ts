import { may, requireThat, type Viewer } from '../access/policy';
import { audited, type AuditTrail } from '../audit/audit';
import type { Db, Tx } from '../db/store';
import { Invalid, NotFound } from '../core/errors';
import {
  decisionKey,
  decisionsOf,
  existingLeads,
  toView,
  type StoredDecision,
} from './lead-decisions.repository';
import {
  leadBulkDecisionInputSchema,
  leadDecisionInputSchema,
  type LeadBulkDecisionInput,
  type LeadBulkDecisionView,
  type LeadDecisionInput,
  type LeadDecisionView,
  type LeadKey,
} from './leads.schema';
import type { LeadStatus } from './vocabulary';

/** Records a decision on a lead the viewer can see, audited in the same transaction. */
export async function decideLead(
  db: Db,
  viewer: Viewer,
  input: LeadDecisionInput,
): Promise<LeadDecisionView> {
  requireThat(may.decideLeads(viewer), 'decide on leads');
  const { kind, subject, ...change } = leadDecisionInputSchema.parse(input);
  return audited(db, viewer.username, async (trx, audit) => {
    const [decided] = await decide(trx, audit, viewer, [{ kind, subject }], change);
    return toView(decided!.decision);
  });
}

/**
 * Records one decision on several findings (a page of the inbox confirmed, dismissed for one
 * reason, or assigned): all of them or, if one cannot be decided, none, in one audited
 * transaction with an audit entry per finding as if each had been decided alone.
 */
export async function decideLeads(
  db: Db,
  viewer: Viewer,
  input: LeadBulkDecisionInput,
): Promise<LeadBulkDecisionView> {
  requireThat(may.decideLeads(viewer), 'decide on leads');
  const { findings, ...change } = leadBulkDecisionInputSchema.parse(input);
  // A finding named twice is decided once.
  const unique = [...new Map(findings.map((f) => [decisionKey(f.kind, f.subject), f])).values()];
  return audited(db, viewer.username, async (trx, audit) =>
    (await decide(trx, audit, viewer, unique, change)).map(({ key, decision }) => ({
      ...key,
      decision: toView(decision),
    })),
  );
}

interface Change {
  status?: LeadStatus | undefined;
  reason?: string | undefined;
  assignee?: string | null | undefined;
}

/** Applies one change to each finding, in the caller's audited transaction; what is not given stays. */
async function decide(
  trx: Tx,
  audit: AuditTrail,
  viewer: Viewer,
  keys: LeadKey[],
  change: Change,
): Promise<{ key: LeadKey; decision: StoredDecision }[]> {
  const found = await existingLeads(trx, keys);
  const missing = keys.filter((k) => !found.has(decisionKey(k.kind, k.subject)));
  if (missing.length > 0) throw new NotFound(missing.map((k) => `${k.kind} lead "${k.subject}"`).join(', '));

  let assigneeId: number | null | undefined;
  if (change.assignee === null) assigneeId = null;
  else if (change.assignee !== undefined) {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'role'])
      .where('username', '=', change.assignee)
      .where('disabled', '=', false)
      .executeTakeFirst();
    if (!user || !may.decideLeads({ role: user.role }))
      throw new Invalid(`"${change.assignee}" is not an analyst who can take a lead`);
    assigneeId = user.id;
  }

  const before = await decisionsOf(trx, keys);
  const decidedAt = new Date();
  const rows = keys.map(({ kind, subject }) => {
    const previous = before.get(decisionKey(kind, subject));
    return {
      kind,
      subject,
      status: change.status ?? previous?.status ?? 'open',
      reason: change.status !== undefined ? (change.reason ?? null) : (previous?.reason ?? null),
      assignee_id: assigneeId !== undefined ? assigneeId : (previous?.assigneeId ?? null),
      decided_by: viewer.username,
      decided_at: decidedAt,
    };
  });
  await trx
    .insertInto('lead_decisions')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['kind', 'subject']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        reason: eb.ref('excluded.reason'),
        assignee_id: eb.ref('excluded.assignee_id'),
        decided_by: eb.ref('excluded.decided_by'),
        decided_at: eb.ref('excluded.decided_at'),
      })),
    )
    .execute();
  const after = await decisionsOf(trx, keys);

  return keys.map((key) => {
    const id = decisionKey(key.kind, key.subject);
    const previous = before.get(id);
    const decision = after.get(id)!;
    audit.record(
      'lead',
      id,
      previous ? 'update' : 'create',
      previous ? auditable(previous) : null,
      auditable(decision),
    );
    return { key, decision };
  });
}

const auditable = ({ assigneeId: _id, ...decision }: StoredDecision) => decision;
