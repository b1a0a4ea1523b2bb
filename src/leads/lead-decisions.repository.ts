import type { Db, Tx } from '../db/store';
import type { LeadDecisionView, LeadKey } from './leads.schema';
import type { LeadStatus } from './vocabulary';

/** A decision as stored: its view and the assignee's user id. */
export interface StoredDecision extends LeadDecisionView {
  assigneeId: number | null;
}

/** How a decision is named in maps and in the audit log: its kind and subject. */
export const decisionKey = (kind: string, subject: string) => `${kind} ${subject}`;

export const toView = ({ assigneeId: _id, ...decision }: StoredDecision): LeadDecisionView => decision;

/** The decisions on these leads, by `kind subject`; a lead nobody decided on has none. */
export async function decisionsOf(db: Db | Tx, keys: LeadKey[]): Promise<Map<string, StoredDecision>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('lead_decisions')
    .leftJoin('users', 'users.id', 'lead_decisions.assignee_id')
    .select([
      'lead_decisions.kind',
      'lead_decisions.subject',
      'lead_decisions.status',
      'lead_decisions.reason',
      'lead_decisions.assignee_id',
      'users.username as assignee',
      'lead_decisions.decided_by',
      'lead_decisions.decided_at',
    ])
    .where(({ eb, refTuple, tuple }) =>
      eb(
        refTuple('lead_decisions.kind', 'lead_decisions.subject'),
        'in',
        keys.map((k) => tuple(k.kind, k.subject)),
      ),
    )
    .execute();
  return new Map(rows.map((row) => [decisionKey(row.kind, row.subject), storedDecision(row)]));
}

/** Which of these leads exist (by `kind subject`). */
export async function existingLeads(db: Db | Tx, keys: LeadKey[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('leads')
    .select(['kind', 'subject'])
    .where(({ eb, refTuple, tuple }) =>
      eb(
        refTuple('kind', 'subject'),
        'in',
        keys.map((k) => tuple(k.kind, k.subject)),
      ),
    )
    .execute();
  return new Set(rows.map((row) => decisionKey(row.kind, row.subject)));
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
