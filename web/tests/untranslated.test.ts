import { describe, expect, it } from 'vitest';
import { createFormatter } from '../src/i18n/format';
import { fr, type MessageKey } from '../src/i18n/messages';
import { dataStrings, untranslated } from './untranslated';

describe('finding English on a French page', () => {
  const english = createFormatter('en');
  const french = createFormatter('fr');
  const none = new Set<string>();

  it('finds an English message, with its values filled in', () => {
    expect(untranslated([english.t('pager.position', { page: 2, pages: 9 })], none)).toEqual([
      { text: 'Page 2 of 9', why: 'English message pager.position' },
    ]);
    expect(untranslated([english.t('map.loading')], none)[0]?.why).toBe('English message map.loading');
    expect(untranslated([french.t('pager.position', { page: 2, pages: 9 })], none)).toEqual([]);
  });

  it('finds a vocabulary’s English label, in any case, and a raw key', () => {
    expect(untranslated(['cartridge case'], none)[0]?.why).toBe('English label of item type cartridge_case');
    expect(untranslated(['Attaque à l’EEI', 'Douille'], none)).toEqual([]);
    expect(untranslated(['ied_attack'], none)[0]?.why).toBe('raw key of incident type');
  });

  it('finds English words in what is not the register’s data', () => {
    const data = new Set<string>();
    dataStrings(
      {
        record: { ref: '240610 IED attack, Tessalit', summary: 'Materiel recovered after a clash.' },
        explanation: 'English prose the server wrote',
      },
      data,
    );
    expect(data).toEqual(new Set(['240610 IED attack, Tessalit', 'Materiel recovered after a clash.']));
    expect(
      untranslated(['Incident 240610 IED attack, Tessalit : Materiel recovered after a clash.'], data),
    ).toEqual([]);
    expect(untranslated(['Une erreur est survenue : invalid request'], data)).toHaveLength(1);
    expect(untranslated(['Tué lors de la saisie at Gao'], data)).toEqual([
      { text: 'Tué lors de la saisie at Gao', why: 'English word “at”' },
    ]);
    expect(untranslated(['English prose the server wrote'], data)[0]?.why).toBe('English word “the”');
  });

  it('leaves alone what French quotes as written', () => {
    expect(untranslated(['p. ex. « Panel of Experts on Mali »'], none)).toEqual([]);
  });

  it('passes every message of the French catalogue', () => {
    // Each placeholder filled with a number, as the pages fill most of them.
    const texts = (Object.keys(fr) as MessageKey[]).map((key) => {
      const names = JSON.stringify(fr[key]).match(/\{\w+\}/g) ?? [];
      return french.t(key, Object.fromEntries(names.map((name) => [name.slice(1, -1), 2])));
    });
    expect(untranslated(texts, none)).toEqual([]);
  });
});
