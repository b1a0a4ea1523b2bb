import { roleNames } from '@headstamp/access/vocabulary';
import type { Vocabulary } from '@headstamp/core/vocabulary';
import { custodyEventNames } from '@headstamp/evidence/vocabulary';
import { attributionStatuses, classifications, incidentTypes } from '@headstamp/incidents/vocabulary';
import { itemCategories, itemConditions, itemTypes } from '@headstamp/items/vocabulary';
import { leadKindNames, leadStatusNames, storyFacetNames } from '@headstamp/leads/vocabulary';
import { tracingChannelNames, tracingEventNames, tracingStatusNames } from '@headstamp/tracing/vocabulary';
import { en, fr, type Message, type MessageKey } from '../src/i18n/messages';

// Finding English on a page meant to be French. Three checks, each of which a string left in
// English fails: a message of the English catalogue that French says otherwise, with any values
// in its placeholders; a vocabulary's English label or raw key; and, once what the register
// holds (names, references, summaries, as typed in whatever language) is taken out of the text,
// a word French never uses.

const VOCABULARIES: readonly Vocabulary<string>[] = [
  incidentTypes,
  attributionStatuses,
  classifications,
  itemCategories,
  itemConditions,
  itemTypes,
  leadKindNames,
  leadStatusNames,
  storyFacetNames,
  roleNames,
  tracingChannelNames,
  tracingStatusNames,
  tracingEventNames,
  custodyEventNames,
];

/** Words of English that French text never holds (French's own "on", "a", "an", "as"… are not here). */
export const ENGLISH_WORDS = new Set(
  `the and of with without from for not is are was were be been has have had this that these those
  which what when where who why there here it its your you we our they their will would can cannot
  could should must may might into than then also only each every all any some more most less
  about after before between since until while to at by in
  loading search filter filters apply clear save saving saved cancel confirm confirmed dismiss
  dismissed assign assigned download downloads upload sign signed show shows showing hide select
  selected choose chosen click open closed sent answered reminder draft drafts validated
  unknown item items sample samples lead leads finding findings weapon weapons ammunition explosive
  explosives rifle rifles cartridge year years country countries killed injured peacekeepers towns
  map something went wrong invalid request requests required missing please try again back next
  previous none yet found recovered made maker producer markings serial quantity reference`
    .split(/\s+/)
    .filter(Boolean),
);

/** Server-written prose in an API answer: checked like the page's own words, not taken as data. */
const PROSE_KEYS = new Set(['explanation', 'error', 'message', 'issues']);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const forms = (message: Message) => (typeof message === 'string' ? [message] : [message.one, message.other]);

/** Each English message French says otherwise, as a pattern matching it with its values filled in. */
function englishMessages(): { key: MessageKey; pattern: RegExp }[] {
  const found: { key: MessageKey; pattern: RegExp }[] = [];
  // A word both languages say ("Note", "Incidents") is French too, whichever message says it.
  const french = new Set((Object.keys(fr) as MessageKey[]).flatMap((key) => forms(fr[key])));
  for (const key of Object.keys(en) as MessageKey[]) {
    for (const form of forms(en[key])) {
      if (french.has(form)) continue;
      // A message of little else than its values ("{decade}s") would match anything.
      if (form.replace(/\{\w+\}/g, '').replace(/[^A-Za-z]/g, '').length < 3) continue;
      const pattern = escape(form).replace(/\\\{\w+\\\}/g, '.+?');
      found.push({ key, pattern: new RegExp(`^${pattern}$`, 's') });
    }
  }
  return found;
}

function vocabularyWords() {
  const labels = new Map<string, string>();
  const keys = new Map<string, string>();
  // An English label French writes too ("Documenter", the verb) is French on a French page.
  const french = new Set(
    [
      ...(Object.keys(fr) as MessageKey[]).flatMap((key) => forms(fr[key])),
      ...VOCABULARIES.flatMap((v) => v.keys.map((key) => v.terms[key]!.fr)),
    ].map((text) => text.toLowerCase()),
  );
  for (const vocabulary of VOCABULARIES) {
    for (const key of vocabulary.keys) {
      const term = vocabulary.terms[key]!;
      if (term.en !== term.fr && !french.has(term.en.toLowerCase()))
        labels.set(term.en.toLowerCase(), `${vocabulary.name} ${key}`);
      if (key.includes('_')) keys.set(key, vocabulary.name);
    }
  }
  return { labels, keys };
}

const messages = englishMessages();
const { labels, keys } = vocabularyWords();

/** The strings of an API answer that are the register's data: names, references, what was typed. */
export function dataStrings(answer: unknown, into: Set<string>, key = ''): void {
  if (PROSE_KEYS.has(key)) return;
  if (typeof answer === 'string') {
    if (answer.trim().length >= 3) into.add(answer.trim());
  } else if (Array.isArray(answer)) for (const entry of answer) dataStrings(entry, into, key);
  else if (answer !== null && typeof answer === 'object')
    for (const [name, value] of Object.entries(answer)) dataStrings(value, into, name);
}

export interface Untranslated {
  text: string;
  why: string;
}

/**
 * What of a French page's texts is English: `texts` as the page shows them (text nodes, labels,
 * placeholders, titles), `data` the strings of the register the page was sent.
 */
export function untranslated(texts: readonly string[], data: ReadonlySet<string>): Untranslated[] {
  const found: Untranslated[] = [];
  // Longest first, so a reference is taken out whole rather than a shorter name inside it.
  const values = [...data].sort((a, b) => b.length - a.length);
  for (const raw of new Set(texts)) {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const message = messages.find((m) => m.pattern.test(text));
    if (message) {
      found.push({ text, why: `English message ${message.key}` });
      continue;
    }
    const label = labels.get(text.toLowerCase());
    if (label) {
      found.push({ text, why: `English label of ${label}` });
      continue;
    }
    const key = keys.get(text);
    if (key) {
      found.push({ text, why: `raw key of ${key}` });
      continue;
    }
    // What French quotes (« … ») is cited as written; a file's or a licence's name is a name.
    let rest = text
      .replace(/«[^»]*»/g, ' ')
      .replace(/[\w-]+\.(csv|xlsx|json|geojson|kml|pdf|zip)\b/gi, ' ')
      .replace(/\bCC BY( \d\.\d)?\b/g, ' ');
    for (const value of values) if (rest.includes(value)) rest = rest.split(value).join(' ');
    const word = rest.match(/\p{L}+/gu)?.find((w) => ENGLISH_WORDS.has(w.toLowerCase()));
    if (word) found.push({ text, why: `English word “${word}”` });
  }
  return found;
}

/**
 * Colons glued to the word before them in French text (« Parcours: … »): French sets a space
 * before a colon. `texts` are whole blocks as read (a label and what follows it are often two
 * elements); the register's own strings are taken out first, as typed. A time (12:30) or an
 * address (https://) is no colon of prose.
 */
export function gluedColons(texts: readonly string[], data: ReadonlySet<string>): Untranslated[] {
  const values = [...data].sort((a, b) => b.length - a.length);
  const found: Untranslated[] = [];
  for (const raw of new Set(texts)) {
    // What French quotes (« … ») is cited as written: a header, a command.
    let rest = raw
      .replace(/\s+/g, ' ')
      .replace(/«[^»]*»/g, ' ')
      .trim();
    for (const value of values) if (rest.includes(value)) rest = rest.split(value).join(' ');
    if (/\p{L}:(\s|$)/u.test(rest)) found.push({ text: raw.trim(), why: 'colon glued to its word' });
  }
  return found;
}
