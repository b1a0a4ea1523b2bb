export type ChangeAction = 'create' | 'update' | 'delete';

/**
 * Where a repository reports each change it writes. The audit trail is one; repositories see
 * only this, so table access does not depend on how the log is kept.
 */
export interface ChangeLog {
  record(entity: string, entityKey: string, action: ChangeAction, before: unknown, after: unknown): void;
}
