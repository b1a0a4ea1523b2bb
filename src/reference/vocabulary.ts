/** The reference lists a value written by field teams can be mapped to. */
export const referenceFields = ['manufacturer', 'model', 'calibre'] as const;
export type ReferenceField = (typeof referenceFields)[number];
