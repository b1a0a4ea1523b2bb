import { may, requireThat, type Viewer } from '../access/policy';
import { audited } from '../audit/audit';
import type { Db } from '../db/store';
import { Invalid, NotFound } from '../core/errors';
import { decisionOf, toView, type StoredDecision } from './lead-decisions.repository';
import { leadDecisionInputSchema, type LeadDecisionInput, type LeadDecisionView } from './leads.schema';

/** Records a decision on a lead the viewer can see, audited in the same transaction. */
export async function decideLead(
  db: Db,
  viewer: Viewer,
  input: LeadDecisionInput,
): Promise<LeadDecisionView> {
  requireThat(may.decideLeads(viewer), 'decide on leads');
  const decision = leadDecisionInputSchema.parse(input);
  const { kind, subject } = decision;
  return audited(db, viewer.username, async (trx, audit) => {
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

    audit.record(
      'lead',
      decisionKey(kind, subject),
      previous ? 'update' : 'create',
      previous ? auditable(previous) : null,
      auditable(after),
    );
    return toView(after);
  });
}

const decisionKey = (kind: string, subject: string) => `${kind} ${subject}`;
const auditable = ({ assigneeId: _id, ...decision }: StoredDecision) => decision;
