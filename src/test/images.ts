import { execFileSync } from 'node:child_process';
import { crc32, deflateSync } from 'node:zlib';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A real PNG (RGB, 8 bits) drawn pixel by pixel, for tests and benchmarks that need a photo a
 * PDF library will actually decode, not only the first bytes of one.
 */
export function pngImage(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number],
): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A casing's base seen from below: a brass disc with a darker primer, on grey. */
export function casingPhoto(width = 320, height = 240): Buffer {
  const [cx, cy, r] = [width / 2, height / 2, Math.min(width, height) * 0.4];
  return pngImage(width, height, (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    if (d < r * 0.22) return [150, 110, 60];
    if (d < r) return [200 - Math.round((d / r) * 40), 160 - Math.round((d / r) * 30), 70];
    return [90 + ((x + y) % 7), 95, 100];
  });
}

/** Where tests leave pictures of what they made, for a person to look at; the folder is made. */
export function screenshotPath(name: string): string {
  mkdirSync('test-output/screenshots', { recursive: true });
  return join('test-output/screenshots', name);
}

/**
 * Pages `first` to `last` of a PDF as pictures at 60 dpi beside the screenshots (poppler's
 * pdftoppm): `name.png` for one page, `name-1.png`, `name-2.png`… for several.
 */
export function screenshotPdfPages(pdf: string, name: string, first: number, last = first): void {
  const range = ['-f', String(first), '-l', String(last)];
  const single = first === last ? ['-singlefile'] : [];
  execFileSync('pdftoppm', ['-png', '-r', '60', ...range, ...single, pdf, screenshotPath(name)]);
}
