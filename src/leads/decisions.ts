import { z } from 'zod';
import { may, requireThat, type Viewer } from '../access/policy';
import { AuditTrail } from '../audit/audit';
import type { Db, Tx } from '../db/store';
import { Invalid, NotFound } from '../core/errors';
import { leadKinds } from './facts';
import { leadStatuses, type LeadStatus } from './vocabulary';

export const leadDecisionViewSchema = z.object({
  status: z.enum(leadStatuses),
  reason: z.string().optional(),
  assignee: z.string().optional(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type LeadDecisionView = z.infer<typeof leadDecisionViewSchema>;

/**
 * One decision on one lead: a new status (a dismissal must say why), an assignment (`null`
 * takes it back), or both. What is not given stays as it was.
 */
export const leadDecisionInputSchema = z
  .object({
    kind: z.enum(leadKinds),
    subject: z.string().min(1).max(1000),
    status: z.enum(leadStatuses).optional(),
    reason: z.string().trim().min(3).max(2000).optional(),
    assignee: z.string().trim().min(1).max(100).nullable().optional(),
  })
  .strict()
  .refine((d) => d.status !== undefined || d.assignee !== undefined, {
    message: 'give a status, an assignee or both',
  })
  .refine((d) => d.status !== 'dismissed' || d.reason !== undefined, {
    message: 'say why the lead is dismissed',
    path: ['reason'],
  })
  .refine((d) => d.reason === undefined || d.status !== undefined, {
    message: 'a reason goes with a status',
    path: ['reason'],
  });
export type LeadDecisionInput = z.input<typeof leadDecisionInputSchema>;

/** Records a decision on a lead the viewer can see, audited in the same transaction. */
export async function decideLead(
  db: Db,
  viewer: Viewer,
  input: LeadDecisionInput,
): Promise<LeadDecisionView> {
  requireThat(may.decideLeads(viewer), 'decide on leads');
  const decision = leadDecisionInputSchema.parse(input);
  const { kind, subject } = decision;
  return db.transaction().execute(async (trx) => {
    const lead = await trx
      .selectFrom('leads')
      .select('id')
      .where('kind', '=', kind)
      .where('subject', '=', subject)
      .executeTakeFirst();
    if (!lead) throw new NotFound(`${kind} lead "${subject}"`);

    let assigneeId: number | null | undefined;
    if (decision.assignee === null) assigneeId = null;
    else if (decision.assignee !== undefined) {
      const user = await trx
        .selectFrom('users')
        .select(['id', 'role'])
        .where('username', '=', decision.assignee)
        .where('disabled', '=', false)
        .executeTakeFirst();
      if (!user || !may.decideLeads({ role: user.role }))
        throw new Invalid(`"${decision.assignee}" is not an analyst who can take a lead`);
      assigneeId = user.id;
    }

    const previous = await decisionOf(trx, kind, subject);
    const next = {
      kind,
      subject,
      status: decision.status ?? previous?.status ?? 'open',
      reason: decision.status !== undefined ? (decision.reason ?? null) : (previous?.reason ?? null),
      assignee_id: assigneeId !== undefined ? assigneeId : (previous?.assigneeId ?? null),
      decided_by: viewer.username,
      decided_at: new Date(),
    };
    await trx
      .insertInto('lead_decisions')
      .values(next)
      .onConflict((oc) => oc.columns(['kind', 'subject']).doUpdateSet(next))
      .execute();
    const after = (await decisionOf(trx, kind, subject))!;

    const audit = new AuditTrail(trx, viewer.username);
    audit.record(
      'lead',
      decisionKey(kind, subject),
      previous ? 'update' : 'create',
      previous ? auditable(previous) : null,
      auditable(after),
    );
    await audit.flush();
    return toView(after);
  });
}

export interface StoredDecision extends LeadDecisionView {
  assigneeId: number | null;
}

const decisionKey = (kind: string, subject: string) => `${kind} ${subject}`;
const auditable = ({ assigneeId: _id, ...decision }: StoredDecision) => decision;
export const toView = ({ assigneeId: _id, ...decision }: StoredDecision): LeadDecisionView => decision;

async function decisionOf(db: Db | Tx, kind: string, subject: string): Promise<StoredDecision | undefined> {
  const row = await db
    .selectFrom('lead_decisions')
    .leftJoin('users', 'users.id', 'lead_decisions.assignee_id')
    .select([
      'lead_decisions.status',
      'lead_decisions.reason',
      'lead_decisions.assignee_id',
      'users.username as assignee',
      'lead_decisions.decided_by',
      'lead_decisions.decided_at',
    ])
    .where('lead_decisions.kind', '=', kind)
    .where('lead_decisions.subject', '=', subject)
    .executeTakeFirst();
  return row && storedDecision(row);
}

/** A decision row (joined to its assignee's username) as the API shows it. */
export function storedDecision(row: {
  status: LeadStatus;
  reason: string | null;
  assignee_id: number | null;
  assignee: string | null;
  decided_by: string;
  decided_at: Date;
}): StoredDecision {
  return {
    status: row.status,
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.assignee !== null ? { assignee: row.assignee } : {}),
    decidedBy: row.decided_by,
    decidedAt: new Date(row.decided_at).toISOString(),
    assigneeId: row.assignee_id,
  };
}
