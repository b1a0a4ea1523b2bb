import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/**
 * zxcvbn's score 3 means about 10^8 guesses: "safely unguessable" against an online attack and
 * a throttled offline one, its authors' recommended floor. Its dictionaries (some 40,000 common
 * passwords, names, keyboard walks, repeats, sequences and dates) ship with the package: nothing
 * is fetched at run time.
 */
const MIN_SCORE = 3;

// Built once, on the first check: the dictionaries take a tenth of a second to rank.
let estimator: ZxcvbnFactory | undefined;

/**
 * Why a password is too easy to guess, or null when it is not. Length alone let through twelve
 * spaces, `aaaaaaaaaaaa` and `password1234`; the account's own names count as known words.
 */
export function passwordWeakness(password: string, knownWords: string[] = []): string | null {
  if (password.trim() === '') return 'a password cannot be only spaces';
  if (new Set(password).size === 1) return 'a password cannot be one character repeated';
  estimator ??= new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
  const { score } = estimator.check(password.slice(0, 256), knownWords);
  return score < MIN_SCORE
    ? 'this password is too easy to guess (a common password, a word with digits, a keyboard row or a repeat): use a few unrelated words'
    : null;
}
