import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A file name as shown to people: its last path segment, without control characters, bounded. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
  const clean = printable.trim().slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}

/**
 * Evidence files stored by their SHA-256 under `dir/ab/abcdef…`: the same photo uploaded twice
 * is kept once, and a file whose content no longer matches its name has been altered.
 */
export class EvidenceFiles {
  constructor(readonly dir: string) {}

  path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(data: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const target = this.path(sha256);
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      // Written aside, then renamed: a crash never leaves a partial file under a valid name.
      const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
      await writeFile(temporary, data, { flag: 'wx' });
      await rename(temporary, target);
    }
    return sha256;
  }

  /** The file's bytes, after checking they still match their hash. */
  async read(sha256: string): Promise<Buffer> {
    const data = await readFile(this.path(sha256));
    if (createHash('sha256').update(data).digest('hex') !== sha256) {
      throw new Error(`evidence file ${sha256} has been altered on disk`);
    }
    return data;
  }
}
