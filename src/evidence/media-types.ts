/**
 * What may be attached: photos and documents, recognised by their first bytes, not their name.
 * Node-free: the web application checks a file with it before sending it.
 */
const SIGNATURES: { type: string; test: (b: Uint8Array) => boolean }[] = [
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/png',
    test: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x),
  },
  {
    type: 'image/webp',
    test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
  },
  { type: 'application/pdf', test: (b) => ascii(b, 0, 5) === '%PDF-' },
];
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

export const ACCEPTED_TYPES = SIGNATURES.map((s) => s.type);

/** How many first bytes `mediaTypeOf` needs to see. */
export const SIGNATURE_BYTES = 12;

export function mediaTypeOf(data: Uint8Array): string | undefined {
  return SIGNATURES.find((s) => s.test(data))?.type;
}
