import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum recommendation.
export const hashPassword = (password: string) => hash(password, { algorithm: 2 });

// Verifying against a fixed hash when the user does not exist keeps the answer time the same,
// so response times do not tell which usernames exist.
let decoyHash: Promise<string> | undefined;

/** Whether the password matches the stored hash; false, as slowly, when there is none. */
export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const matches = await verify(stored ?? (await decoyHash), password);
  return matches && stored !== undefined;
}
