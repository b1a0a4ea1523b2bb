import { Forbidden } from '../core/errors';
import type { Db, Tx } from '../db/store';

export const roles = ['administrator', 'analyst', 'documenter', 'reviewer', 'partner'] as const;
export type Role = (typeof roles)[number];

/** Who is asking. Every read of the register goes through the functions below with one. */
export interface Viewer {
  userId: number | null;
  username: string;
  role: Role;
  /** The partner organisation of a partner account. */
  partner: string | null;
}

/** The command line runs on the machine that holds the data: it sees everything. */
export const systemViewer: Viewer = {
  userId: null,
  username: 'system',
  role: 'administrator',
  partner: null,
};

/**
 * The incidents a viewer may see, as a query to build on (aliased `incidents`). Items, leads,
 * statistics and exports are all derived from it, so one rule governs every read path:
 * - deleted incidents are seen by no one (the `live_incidents` view);
 * - administrators and analysts see every incident of the mission;
 * - reviewers see all but strictly confidential ones;
 * - documenters see their own records, and public and internal ones;
 * - partners see only what was released to their organisation.
 */
export function visibleIncidents(db: Db | Tx, viewer: Viewer) {
  return seenBy(allIncidents(db), viewer);
}

/**
 * The incidents a viewer would see were none deleted, deleted ones included: only to say that a
 * record the viewer asks for was deleted, to restore it and to read its history. Never a list.
 */
export function incidentsOnRecord(db: Db | Tx, viewer: Viewer) {
  return seenBy(allIncidents(db, true), viewer);
}

/** Every live incident, or every incident deleted or not: the view has the table's columns. */
const allIncidents = (db: Db | Tx, deletedToo = false) =>
  db.selectFrom(
    (deletedToo ? 'incidents as incidents' : 'live_incidents as incidents') as 'live_incidents as incidents',
  );

function seenBy(all: ReturnType<typeof allIncidents>, viewer: Viewer) {
  switch (viewer.role) {
    case 'administrator':
    case 'analyst':
      return all;
    case 'reviewer':
      return all.where('incidents.classification', '<>', 'strictly_confidential');
    case 'documenter':
      return all.where((eb) =>
        eb.or([
          eb('incidents.created_by', '=', viewer.userId),
          eb('incidents.classification', 'in', ['public', 'internal']),
        ]),
      );
    case 'partner':
      return all.where('incidents.id', 'in', (eb) =>
        eb
          .selectFrom('releases')
          .select('releases.incident_id')
          .where('releases.partner', '=', viewer.partner ?? ''),
      );
  }
}

/**
 * Viewers with the same key see the same incidents (`visibleIncidents`), and so the same items
 * and findings: what one counts of a selection, the other would count too.
 */
export function visibilityKey(viewer: Viewer): string {
  switch (viewer.role) {
    case 'administrator':
    case 'analyst':
      return 'all';
    case 'reviewer':
      return 'reviewer';
    case 'documenter':
      return `documenter:${viewer.userId}`;
    case 'partner':
      return `partner:${viewer.partner ?? ''}`;
  }
}

/** The items of the incidents a viewer may see (aliased `items`): deleted items are seen by no one. */
export function visibleItems(db: Db | Tx, viewer: Viewer) {
  return db
    .selectFrom('live_items as items')
    .where('items.incident_id', 'in', visibleIncidents(db, viewer).select('incidents.id'));
}

/**
 * The attachments a viewer may see (aliased `attachments`). A photo of an item follows the item:
 * the item's incident now decides, not `attachments.incident_id` (where it was attached), which
 * moving the item to another incident leaves behind. A document of an incident follows that
 * incident. Every read of attachments starts here, like every read of the register.
 */
export function visibleAttachments(db: Db | Tx, viewer: Viewer) {
  return db
    .selectFrom('attachments')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('attachments.item_id', 'is', null),
          eb('attachments.incident_id', 'in', visibleIncidents(db, viewer).select('incidents.id')),
        ]),
        eb('attachments.item_id', 'in', visibleItems(db, viewer).select('items.id')),
      ]),
    );
}

/**
 * The case files a viewer may see (aliased `case_files`): administrators and analysts all of
 * them, a partner those released to its organisation, other roles none. A case file carries its
 * own copy of what it cites, so a partner reads its content from the case file, never through
 * the register: a release of a case file releases no incident.
 */
export function visibleCaseFiles(db: Db | Tx, viewer: Viewer) {
  const all = db.selectFrom('case_files');
  switch (viewer.role) {
    case 'administrator':
    case 'analyst':
      return all;
    case 'partner':
      return all.where('case_files.id', 'in', (eb) =>
        eb
          .selectFrom('case_file_releases')
          .select('case_file_releases.case_file_id')
          .where('case_file_releases.partner', '=', viewer.partner ?? ''),
      );
    case 'reviewer':
    case 'documenter':
      return all.where((eb) => eb.lit(false));
  }
}

/** What each role may do, in one readable place. */
export const may = {
  /** Sources are people and units who could be harmed if named: analysts and administrators only. */
  seeSources: (v: Viewer) => v.role === 'administrator' || v.role === 'analyst',
  /** Leads are the cell's working analysis; they are shared outside it as case files. */
  readLeads: (v: Viewer) => v.role === 'administrator' || v.role === 'analyst' || v.role === 'reviewer',
  /** Confirming, dismissing and assigning leads is the analysis cell's call; any user of the cell may hold one. */
  decideLeads: (v: Pick<Viewer, 'role'>) => v.role === 'administrator' || v.role === 'analyst',
  /** Tracing requests go to foreign governments in the mission's name: the cell writes and reads them. */
  trace: (v: Viewer) => v.role === 'administrator' || v.role === 'analyst',
  /** Convention registers and indicators are declared by the mission: the cell produces them. */
  report: (v: Viewer) => v.role === 'administrator' || v.role === 'analyst',
  writeRegister: (v: Viewer) => v.role === 'administrator' || v.role === 'analyst',
  writeDrafts: (v: Viewer) => v.role === 'documenter' || may.writeRegister(v),
  /** Documenters change (edit or delete) only their own drafts; analysts and administrators anything they see. */
  changeIncident: (v: Viewer, incident: { created_by: number | null; status: string }) =>
    may.writeRegister(v) ||
    (may.writeDrafts(v) && incident.created_by === v.userId && incident.status === 'draft'),
  /** Reviewing a draft: validating it, or sending it back to its documenter with a comment. */
  validateDrafts: (v: Viewer) => v.role === 'reviewer' || may.writeRegister(v),
  /** Deleting is undone by an administrator only: the one who deleted may not quietly take it back. */
  restoreDeleted: (v: Viewer) => v.role === 'administrator',
  /**
   * A record's history (who changed what, and why) is the mission's working trail: those who may
   * see the record read it, but not partners, another organisation reading what was released.
   */
  readHistory: (v: Viewer) => v.role !== 'partner',
  importFiles: (v: Viewer) => may.writeRegister(v),
  release: (v: Viewer) => may.writeRegister(v),
  /** Case files are written by the cell and read by it and the partners they are released to. */
  writeCaseFiles: (v: Viewer) => may.writeRegister(v),
  readCaseFiles: (v: Viewer) => may.writeRegister(v) || v.role === 'partner',
  manageUsers: (v: Viewer) => v.role === 'administrator',
  /**
   * API tokens are bearer credentials for the mission's own scripts (imports, exports, field
   * uploads). A partner is another organisation reading what was released to it: it reads through
   * the web application and the case-file packages, and a token of its own would be a credential
   * kept outside the mission that no one here sees used.
   */
  mintTokens: (v: Pick<Viewer, 'role'>) => v.role !== 'partner',
  /** The reference lists settle what every record means: administrators add to them. */
  editReference: (v: Viewer) => v.role === 'administrator',
  readAudit: (v: Viewer) => v.role === 'administrator' || v.role === 'analyst',
} as const;

export function requireThat(allowed: boolean, what: string): void {
  if (!allowed) throw new Forbidden(what);
}
