import type { z } from 'zod';
import { dateLabel } from './dates';
import type { Language } from './vocabulary';

/**
 * What can be wrong with what someone sent, as stable codes with parameters: the API returns them
 * beside its English `message`, and the web application (or any client) words them for people in
 * English or French. One list for the register's checks, the route schemas and the uploads.
 * Messages are written to stand beside the field they concern: they do not name it.
 */

export type ProblemParams = Record<string, string | number>;

/** A problem as the API reports it: a code, its parameters, and where when it concerns a field. */
export interface Problem {
  code: ProblemCode;
  params?: ProblemParams;
}

/** How a message writes its parameters in its language. */
interface Writer {
  /** A value as typed, quoted as the language quotes. */
  quote(value: string | number | undefined): string;
  number(value: string | number | undefined): string;
  /** A register date (`2024`, `2024-03`, `2024-03-14`) as people write it. */
  date(value: string | number | undefined): string;
  /** A distance in metres, in metres or kilometres. */
  distance(value: string | number | undefined): string;
  /** A size in bytes, in megabytes. */
  bytes(value: string | number | undefined): string;
}

type Wording = (params: ProblemParams, w: Writer) => string;

interface ProblemTexts {
  en: Wording;
  fr: Wording;
  /**
   * The code says only what kind of refusal it is: the English `message` beside it says more
   * (which rule, which record), so a client shows that message when it has nothing better.
   */
  generic?: boolean;
}

const expectedNames: Record<string, { en: string; fr: string }> = {
  string: { en: 'text', fr: 'du texte' },
  number: { en: 'a number', fr: 'un nombre' },
  int: { en: 'a whole number', fr: 'un nombre entier' },
  boolean: { en: 'true or false', fr: 'vrai ou faux' },
  array: { en: 'a list', fr: 'une liste' },
  object: { en: 'an object', fr: 'un objet' },
};
const expected = (p: ProblemParams, language: Language) =>
  expectedNames[String(p.expected)]?.[language] ?? String(p.expected ?? '');

export const problemTexts = {
  // What is missing or malformed in a field.
  required: { en: () => 'This is required.', fr: () => 'Ce champ est obligatoire.' },
  not_in_list: {
    en: (p, w) => (p.value ? `${w.quote(p.value)} is not one of the choices.` : 'Not one of the choices.'),
    fr: (p, w) =>
      p.value ? `${w.quote(p.value)} ne figure pas parmi les choix.` : 'Ne figure pas parmi les choix.',
  },
  invalid_type: {
    en: (p) => `Missing, or not ${expected(p, 'en')}.`,
    fr: (p) => `Absent, ou pas ${expected(p, 'fr')}.`,
  },
  invalid_format: {
    en: (p) => `Not in the expected form (${p.format}).`,
    fr: (p) => `Pas dans la forme attendue (${p.format}).`,
  },
  too_short: {
    en: (p, w) => `At least ${w.number(p.min)} characters.`,
    fr: (p, w) => `Au moins ${w.number(p.min)} caractères.`,
  },
  too_long: {
    en: (p, w) => `At most ${w.number(p.max)} characters.`,
    fr: (p, w) => `Au plus ${w.number(p.max)} caractères.`,
  },
  too_small: {
    en: (p, w) => `At least ${w.number(p.min)}.`,
    fr: (p, w) => `Au moins ${w.number(p.min)}.`,
  },
  too_large: {
    en: (p, w) => `At most ${w.number(p.max)}.`,
    fr: (p, w) => `Au plus ${w.number(p.max)}.`,
  },
  too_few: {
    en: (p, w) => `At least ${w.number(p.min)} entries.`,
    fr: (p, w) => `Au moins ${w.number(p.min)} éléments.`,
  },
  too_many: {
    en: (p, w) => `At most ${w.number(p.max)} entries.`,
    fr: (p, w) => `Au plus ${w.number(p.max)} éléments.`,
  },
  unknown_fields: {
    en: (p) => `Unknown fields: ${p.fields}.`,
    fr: (p) => `Champs inconnus : ${p.fields}.`,
  },

  // Dates.
  date_unreadable: {
    en: (p, w) =>
      `${w.quote(p.value)} is not a date that can be read: write it like 14/03/2024, 14 March 2024 or 2024-03-14 (2024-03 or 2024 when only the month or the year is known).`,
    fr: (p, w) =>
      `${w.quote(p.value)} n’est pas une date lisible : écrivez-la comme 14/03/2024, 14 mars 2024 ou 2024-03-14 (2024-03 ou 2024 si seuls le mois ou l’année sont connus).`,
  },
  date_not_real: {
    en: (p, w) => `${w.quote(p.value)} is not a day of the calendar.`,
    fr: (p, w) => `${w.quote(p.value)} n’existe pas dans le calendrier.`,
  },
  date_year_out_of_range: {
    en: (p) => `The year ${p.year} is outside ${p.min}–${p.max}.`,
    fr: (p) => `L’année ${p.year} est en dehors de ${p.min}–${p.max}.`,
  },
  date_needs_day: {
    en: () => 'Give the day as well, e.g. 14 March 2024.',
    fr: () => 'Précisez aussi le jour, p. ex. 14 mars 2024.',
  },
  date_in_future: {
    en: (p, w) => `The date is after today (${w.date(p.max)}).`,
    fr: (p, w) => `La date est postérieure à aujourd’hui (${w.date(p.max)}).`,
  },
  not_a_year: {
    en: () => 'Write the year with four digits (1987), or with the two of a headstamp (87).',
    fr: () => 'Écrivez l’année en quatre chiffres (1987), ou avec les deux d’un culot (87).',
  },
  year_out_of_range: {
    en: (p) => `The year ${p.year} is outside ${p.min}–${p.max}.`,
    fr: (p) => `L’année ${p.year} est en dehors de ${p.min}–${p.max}.`,
  },

  // Numbers, places and coordinates.
  not_a_number: {
    en: (p, w) => `${w.quote(p.value)} is not a number.`,
    fr: (p, w) => `${w.quote(p.value)} n’est pas un nombre.`,
  },
  not_a_whole_number: {
    en: (p, w) => `Enter a whole number, ${w.number(p.min)} or more.`,
    fr: (p, w) => `Saisissez un nombre entier, ${w.number(p.min)} ou plus.`,
  },
  not_a_country: {
    en: (p, w) => `${w.quote(p.value)} is not a country: give its ISO code (ML) or its name.`,
    fr: (p, w) => `${w.quote(p.value)} n’est pas un pays : donnez son code ISO (ML) ou son nom.`,
  },
  coordinates_incomplete: {
    en: () => 'Give both the latitude and the longitude, or neither.',
    fr: () => 'Donnez la latitude et la longitude, ou aucune des deux.',
  },
  latitude_out_of_range: {
    en: (p, w) => `A latitude lies between −90 and 90; ${w.number(p.value)} does not.`,
    fr: (p, w) => `Une latitude est comprise entre −90 et 90 ; ${w.number(p.value)} ne l’est pas.`,
  },
  longitude_out_of_range: {
    en: (p, w) => `A longitude lies between −180 and 180; ${w.number(p.value)} does not.`,
    fr: (p, w) => `Une longitude est comprise entre −180 et 180 ; ${w.number(p.value)} ne l’est pas.`,
  },
  mgrs_unreadable: {
    en: (p, w) => `${w.quote(p.value)} is not an MGRS grid reference (e.g. 30PXC 12345 67890).`,
    fr: (p, w) => `${w.quote(p.value)} n’est pas une référence MGRS (p. ex. 30PXC 12345 67890).`,
  },
  mgrs_far_from_coordinates: {
    en: (p, w) =>
      `The grid reference ${p.mgrs} is ${w.distance(p.distance)} from the latitude and longitude.`,
    fr: (p, w) => `La référence ${p.mgrs} est à ${w.distance(p.distance)} de la latitude et de la longitude.`,
  },

  // The register's rules.
  attribution_without_actor: {
    en: () => 'Name the actor, or set the attribution to unknown.',
    fr: () => 'Nommez l’acteur, ou indiquez une attribution inconnue.',
  },
  exceeds_total: {
    en: (p, w) => `Cannot exceed the total (${w.number(p.max)}).`,
    fr: (p, w) => `Ne peut dépasser le total (${w.number(p.max)}).`,
  },
  serial_one_object: {
    en: () => 'An item with a serial number is one object: its quantity is 1.',
    fr: () => 'Un objet qui porte un numéro de série est unique : sa quantité est 1.',
  },
  unknown_actor: {
    en: (p, w) =>
      `No actor ${w.quote(p.name)} in the register${p.suggestion ? ` (did you mean ${w.quote(p.suggestion)}?)` : ''}: an analyst adds new actors.`,
    fr: (p, w) =>
      `Aucun acteur ${w.quote(p.name)} dans le registre${p.suggestion ? ` (vouliez-vous dire ${w.quote(p.suggestion)} ?)` : ''} : un analyste ajoute les nouveaux acteurs.`,
  },
  incident_unknown: {
    en: (p, w) => `No incident ${w.quote(p.ref)} in the register.`,
    fr: (p, w) => `Aucun incident ${w.quote(p.ref)} dans le registre.`,
  },
  item_of_other_incident: {
    en: (p, w) => `This item names another incident (${w.quote(p.ref)}) than the one it is saved with.`,
    fr: (p, w) =>
      `Cet objet nomme un autre incident (${w.quote(p.ref)}) que celui avec lequel il est enregistré.`,
  },
  year_after_incident: {
    en: (p) => `Produced in ${p.year}, after the incident (${p.incidentYear}).`,
    fr: (p) => `Fabriqué en ${p.year}, après l’incident (${p.incidentYear}).`,
  },
  calibre_unreadable: {
    en: (p, w) => `${w.quote(p.value)} is not a calibre: write it like 7.62x39, 12.7x108 or 82 mm.`,
    fr: (p, w) => `${w.quote(p.value)} n’est pas un calibre : écrivez-le comme 7.62x39, 12.7x108 ou 82 mm.`,
  },
  // Markings read as a headstamp (reference/headstamp.ts): why they could not be, kept as typed.
  headstamp_too_long: {
    en: () => 'Too long to be a headstamp.',
    fr: () => 'Trop long pour être un culot.',
  },
  headstamp_empty: {
    en: () => 'Nothing to read.',
    fr: () => 'Rien à lire.',
  },
  headstamp_two_countries: {
    en: (p) => `Two countries are named (${p.value}).`,
    fr: (p) => `Deux pays sont nommés (${p.value}).`,
  },
  headstamp_stray_word: {
    en: (p, w) => `${w.quote(p.value)} is not part of a headstamp.`,
    fr: (p, w) => `${w.quote(p.value)} ne fait pas partie d’un culot.`,
  },
  headstamp_no_code_or_year: {
    en: () => 'Neither a code nor a year.',
    fr: () => 'Ni code ni année.',
  },
  headstamp_too_many_parts: {
    en: () => 'More than a code and a year.',
    fr: () => 'Plus qu’un code et une année.',
  },
  headstamp_code_unlisted: {
    en: (p, w) => `${w.quote(p.value)} is not a listed headstamp code.`,
    fr: (p, w) => `${w.quote(p.value)} n’est pas un code de culot répertorié.`,
  },
  headstamp_not_code_and_year: {
    en: (p, w) => `${w.quote(p.value)} is not a code and a year.`,
    fr: (p, w) => `${w.quote(p.value)} ne se lit pas comme un code et une année.`,
  },
  reference_taken: {
    en: (p, w) => `The reference ${w.quote(p.ref)} cannot be used: choose another.`,
    fr: (p, w) => `La référence ${w.quote(p.ref)} ne peut pas être utilisée : choisissez-en une autre.`,
  },
  record_deleted: {
    en: (p, w) =>
      `This ${p.kind === 'item' ? 'item' : 'incident'} was deleted${p.reason ? ` (${w.quote(p.reason)})` : ''}: an administrator may restore it.`,
    fr: (p, w) =>
      `Cet ${p.kind === 'item' ? 'objet' : 'incident'} a été supprimé${p.reason ? ` (${w.quote(p.reason)})` : ''} : un administrateur peut le restaurer.`,
  },
  record_not_deleted: {
    en: () => 'It is not deleted: there is nothing to restore.',
    fr: () => 'Cette fiche n’est pas supprimée : il n’y a rien à restaurer.',
  },
  not_a_draft: {
    en: () => 'It is no longer a draft to review: it was validated or deleted meanwhile.',
    fr: () => 'Ce n’est plus un brouillon à réviser : il a été validé ou supprimé entre-temps.',
  },
  given_twice: {
    en: (p, w) => `${w.quote(p.key)} is given twice.`,
    fr: (p, w) => `${w.quote(p.key)} est donné deux fois.`,
  },
  key_too_long: {
    en: (p, w) =>
      `The cells that identify this row are too long together (at most ${w.number(p.max)} bytes).`,
    fr: (p, w) =>
      `Les cellules qui identifient cette ligne sont trop longues ensemble (${w.number(p.max)} octets au plus).`,
  },
  column_missing: {
    en: () => 'This required column is missing.',
    fr: () => 'Cette colonne obligatoire manque.',
  },
  column_twice: {
    en: () => 'This column appears twice.',
    fr: () => 'Cette colonne apparaît deux fois.',
  },

  // Files.
  file_empty: { en: () => 'The file is empty.', fr: () => 'Le fichier est vide.' },
  file_type_refused: {
    en: () => 'Only photos (JPEG, PNG, WebP) and PDF documents can be attached.',
    fr: () => 'Seules des photos (JPEG, PNG, WebP) et des documents PDF peuvent être joints.',
  },
  file_too_large: {
    en: (p, w) => `The file is larger than the ${w.bytes(p.max)} allowed.`,
    fr: (p, w) => `Le fichier dépasse les ${w.bytes(p.max)} autorisés.`,
  },
  too_many_files: {
    en: (p, w) => `Send at most ${w.number(p.max)} file at a time.`,
    fr: (p, w) => `Envoyez au plus ${w.number(p.max)} fichier à la fois.`,
  },

  // What a whole request meets.
  invalid: {
    en: () => 'The request is not valid.',
    fr: () => 'La demande n’est pas valide.',
    generic: true,
  },
  conflict: {
    en: () => 'This clashes with the register as it stands.',
    fr: () => 'Cela contredit l’état actuel du registre.',
    generic: true,
  },
  not_found: {
    en: () => 'Not found, or not yours to see.',
    fr: () => 'Introuvable, ou hors de ce que vous pouvez voir.',
  },
  forbidden: {
    en: () => 'Your role does not allow this.',
    fr: () => 'Votre rôle ne le permet pas.',
  },
  sign_in: { en: () => 'Sign in first.', fr: () => 'Connectez-vous d’abord.' },
  too_many_requests: {
    en: () => 'Too many attempts: wait a moment and try again.',
    fr: () => 'Trop de tentatives : patientez un moment puis réessayez.',
  },
  request_too_large: {
    en: () => 'What was sent is too large.',
    fr: () => 'L’envoi est trop volumineux.',
  },
  internal: {
    en: () => 'Something failed on the server; the request id is in its log.',
    fr: () =>
      'Une erreur s’est produite sur le serveur ; l’identifiant de la demande figure dans son journal.',
  },
} satisfies Record<string, ProblemTexts>;

export type ProblemCode = keyof typeof problemTexts;
export const problemCodes = Object.keys(problemTexts) as ProblemCode[];

export function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === 'string' && Object.hasOwn(problemTexts, code);
}

/** The code says little beyond its kind: the English message beside it says more. */
export function isGeneric(code: ProblemCode): boolean {
  const texts: ProblemTexts = problemTexts[code];
  return texts.generic === true;
}

function writer(language: Language): Writer {
  const numbers = new Intl.NumberFormat(language);
  const number = (value: string | number | undefined) => {
    const n = typeof value === 'number' ? value : Number(value);
    return value === undefined || value === '' || Number.isNaN(n) ? String(value ?? '') : numbers.format(n);
  };
  return {
    quote: (value) => (language === 'fr' ? `« ${value ?? ''} »` : `“${value ?? ''}”`),
    number,
    date: (value) => dateLabel(String(value ?? ''), language),
    distance(value) {
      const metres = Number(value);
      // Under 1 km, kilometres would round to a contradictory "0 km".
      return metres < 1000 ? `${number(Math.round(metres))} m` : `${number(Math.round(metres / 1000))} km`;
    },
    bytes: (value) =>
      `${number(Math.round((Number(value) / (1024 * 1024)) * 10) / 10)} ${language === 'fr' ? 'Mo' : 'MB'}`,
  };
}

/** A problem in words, for people reading `language`. */
export function problemText(problem: Problem, language: Language): string {
  const wording: Wording = problemTexts[problem.code][language];
  return wording(problem.params ?? {}, writer(language));
}

/**
 * The `params` of a zod issue that carries a code of this list (`ctx.addIssue(issue(…))`), so the
 * register's cell and row schemas report a code with their English message.
 */
export function issue(code: ProblemCode, params: ProblemParams, message: string) {
  return { code: 'custom' as const, message, params: { problem: code, ...params } };
}

/** The problem a zod issue stands for: the code a schema gave it, else one read from zod's own. */
export function problemOfIssue(found: z.core.$ZodIssue): Problem {
  if (found.code === 'custom') {
    const { problem, ...params } = (found.params ?? {}) as Record<string, unknown>;
    if (isProblemCode(problem)) {
      const kept = scalars(params);
      return Object.keys(kept).length > 0 ? { code: problem, params: kept } : { code: problem };
    }
    return { code: 'invalid' };
  }
  switch (found.code) {
    case 'invalid_type':
      return { code: 'invalid_type', params: { expected: found.expected } };
    case 'too_small':
    case 'too_big': {
      const small = found.code === 'too_small';
      const bound = Number(small ? found.minimum : found.maximum);
      if (found.origin === 'string') {
        if (small && bound === 1) return { code: 'required' };
        return small
          ? { code: 'too_short', params: { min: bound } }
          : { code: 'too_long', params: { max: bound } };
      }
      if (found.origin === 'array' || found.origin === 'set')
        return small
          ? { code: 'too_few', params: { min: bound } }
          : { code: 'too_many', params: { max: bound } };
      return small
        ? { code: 'too_small', params: { min: bound } }
        : { code: 'too_large', params: { max: bound } };
    }
    case 'invalid_value':
      return { code: 'not_in_list', params: { allowed: found.values.map(String).join(', ') } };
    case 'invalid_format':
      return { code: 'invalid_format', params: { format: found.format } };
    case 'unrecognized_keys':
      return { code: 'unknown_fields', params: { fields: found.keys.join(', ') } };
    default:
      return { code: 'invalid' };
  }
}

function scalars(params: Record<string, unknown>): ProblemParams {
  const kept: ProblemParams = {};
  for (const [name, value] of Object.entries(params))
    if (typeof value === 'string' || typeof value === 'number') kept[name] = value;
  return kept;
}
