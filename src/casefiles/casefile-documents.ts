import type { Viewer } from '../access/policy';
import { auditExport } from '../audit/audit';
import type { Language } from '../core/vocabulary';
import type { Db } from '../db/store';
import type { EvidenceFiles } from '../evidence/evidence-files';
import { buildCasePackage } from './casefile-package';
import { renderCaseFilePdf } from './casefile-pdf';
import { readCaseFile } from './casefiles.queries';

export type CaseFileDocument = { format: 'pdf'; language: Language } | { format: 'package' };

/**
 * A case file's PDF or package as the viewer downloads it. Who took a case file's documents out
 * of Headstamp, partners included, is kept like any export.
 */
export async function downloadCaseFile(
  db: Db,
  files: EvidenceFiles,
  viewer: Viewer,
  id: number,
  document: CaseFileDocument,
): Promise<{ data: Buffer; fileName: string }> {
  const caseFile = await readCaseFile(db, viewer, id);
  const photo = (sha256: string) => files.read(sha256);
  const data =
    document.format === 'pdf'
      ? await renderCaseFilePdf(caseFile, photo, document.language)
      : await buildCasePackage(caseFile, photo);
  await auditExport(db, viewer.username, {
    caseFile: caseFile.id,
    format: document.format,
    ...(viewer.partner ? { partner: viewer.partner } : {}),
  });
  return { data, fileName: `case-file-${caseFile.id}.${document.format === 'pdf' ? 'pdf' : 'zip'}` };
}
