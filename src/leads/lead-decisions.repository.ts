import type { Db, Tx } from '../db/store';
import type { LeadDecisionView } from './leads.schema';
import type { LeadStatus } from './vocabulary';

/** A decision as stored: its view and the assignee's user id. */
export interface StoredDecision extends LeadDecisionView {
  assigneeId: number | null;
}

export const toView = ({ assigneeId: _id, ...decision }: StoredDecision): LeadDecisionView => decision;

/** The decision on one lead, if any. */
export async function decisionOf(
  db: Db | Tx,
  kind: string,
  subject: string,
): Promise<StoredDecision | undefined> {
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
