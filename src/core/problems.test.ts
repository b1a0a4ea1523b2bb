import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isProblemCode, problemCodes, problemOfIssue, problemText, problemTexts } from './problems';

/** Parameters of every kind a message may write, so each message can be rendered whole. */
const PARAMS = {
  value: 'xyz',
  year: 2031,
  min: 3,
  max: 20 * 1024 * 1024,
  expected: 'string',
  format: 'email',
  fields: 'colour',
  mgrs: '30PUB7104501625',
  distance: 334,
  name: 'JNMI',
  suggestion: 'JNIM',
  attribution: 'claimed',
  ref: 'M-1',
  incidentYear: 2016,
  key: 'M-1',
  allowed: 'a, b',
};

describe('the problem codes', () => {
  it.each(problemCodes)('words %s for people in English and in French', (code) => {
    // The latest date allowed is a date, every other bound a number.
    const params = code === 'date_in_future' ? { ...PARAMS, max: '2026-12-02' } : PARAMS;
    const en = problemText({ code, params }, 'en');
    const fr = problemText({ code, params }, 'fr');
    for (const text of [en, fr]) {
      expect(text.length).toBeGreaterThan(5);
      expect(text).not.toMatch(/undefined|NaN|\{|\}/);
      expect(text).toMatch(/[.?]$/);
    }
    expect(fr).not.toBe(en);
    // French punctuation: a narrow space is not required, but a colon is never glued to its word.
    expect(fr).not.toMatch(/\p{L}[:;?]/u);
  });

  it('writes dates, distances, sizes and quotes the way each language does', () => {
    expect(problemText({ code: 'date_in_future', params: { max: '2026-12-02' } }, 'fr')).toBe(
      'La date est postérieure à aujourd’hui (2 déc. 2026).',
    );
    expect(problemText({ code: 'date_in_future', params: { max: '2026-12-02' } }, 'en')).toBe(
      'The date is after today (Dec 2, 2026).',
    );
    expect(
      problemText({ code: 'mgrs_far_from_coordinates', params: { mgrs: '30PUB', distance: 412_345 } }, 'fr'),
    ).toBe('La référence 30PUB est à 412 km de la latitude et de la longitude.');
    expect(problemText({ code: 'file_too_large', params: { max: 20 * 1024 * 1024 } }, 'fr')).toBe(
      'Le fichier dépasse les 20 Mo autorisés.',
    );
    expect(problemText({ code: 'not_a_number', params: { value: 'abc' } }, 'fr')).toBe(
      '« abc » n’est pas un nombre.',
    );
    expect(problemText({ code: 'not_a_number', params: { value: 'abc' } }, 'en')).toBe(
      '“abc” is not a number.',
    );
  });

  it('reads the code a schema gave an issue, and a code from zod’s own issues', () => {
    const schema = z.object({
      reason: z.string().min(3),
      count: z.number().max(10),
      kind: z.enum(['a', 'b']),
      list: z.array(z.string()).max(1),
    });
    const result = schema
      .strict()
      .safeParse({ reason: 'x', count: 11, kind: 'c', list: ['1', '2'], extra: 1 });
    if (result.success) throw new Error('expected a refusal');
    expect(result.error.issues.map(problemOfIssue)).toEqual([
      { code: 'too_short', params: { min: 3 } },
      { code: 'too_large', params: { max: 10 } },
      { code: 'not_in_list', params: { allowed: 'a, b' } },
      { code: 'too_many', params: { max: 1 } },
      { code: 'unknown_fields', params: { fields: 'extra' } },
    ]);
    expect(
      problemOfIssue({ code: 'custom', message: 'x', path: [], params: { problem: 'no_such_code' } }),
    ).toEqual({
      code: 'invalid',
    });
    expect(isProblemCode('toString')).toBe(false);
    expect(Object.keys(problemTexts)).toEqual(problemCodes);
  });
});
