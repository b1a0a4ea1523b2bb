import { strToU8, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { toCsv } from '../transfer/export';
import { caseFileSchema, photoSnapshotSchema, type CaseFile } from './casefile.schema';

export const PACKAGE_FORMAT = 'headstamp-case-file/1';

/** case-file.json: the case file as partners' programs read it; described by case-file.schema.json. */
export const casePackageSchema = caseFileSchema.omit({ releasedTo: true, photos: true }).extend({
  $schema: z.literal('case-file.schema.json'),
  format: z.literal(PACKAGE_FORMAT),
  photos: z.array(photoSnapshotSchema.extend({ path: z.string() })),
});

/** A photo's name inside the zip: from its id and hash, never from the uploaded file name. */
const photoPath = (photo: CaseFile['photos'][number]) =>
  `photos/${photo.id}-${photo.sha256.slice(0, 12)}.${photo.mediaType === 'image/png' ? 'png' : 'jpg'}`;

/**
 * The machine-readable case file: case-file.json and its JSON Schema, the incidents and items
 * as canonical CSV files (the import format, so another Headstamp can take them in), and the photos.
 */
export async function buildCasePackage(
  caseFile: CaseFile,
  photo: (sha256: string) => Promise<Buffer>,
): Promise<Buffer> {
  // Parsing drops what the schema does not name, such as the partners it is released to.
  const document = casePackageSchema.parse({
    ...caseFile,
    $schema: 'case-file.schema.json',
    format: PACKAGE_FORMAT,
    photos: caseFile.photos.map((p) => ({ ...p, path: photoPath(p) })),
  });
  const mtime = new Date(caseFile.updatedAt);
  const entries: Zippable = {
    'case-file.json': strToU8(`${JSON.stringify(document, null, 2)}\n`),
    'case-file.schema.json': strToU8(`${JSON.stringify(z.toJSONSchema(casePackageSchema), null, 2)}\n`),
    'incidents.csv': strToU8(
      toCsv(
        'incidents',
        caseFile.incidents.map((i) => i.record),
      ),
    ),
    'items.csv': strToU8(
      toCsv(
        'items',
        caseFile.items.map((i) => i.record),
      ),
    ),
  };
  for (const p of caseFile.photos) {
    // Photos are compressed already: stored as they are.
    entries[photoPath(p)] = [await photo(p.sha256), { level: 0 }];
  }
  return Buffer.from(zipSync(entries, { mtime }));
}
