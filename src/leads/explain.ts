import { z } from 'zod';
import { countryName } from '../core/grammar';
import { dateLabel } from '../core/dates';
import type { Language } from '../core/vocabulary';
import { incidentTypes } from '../incidents/vocabulary';
import { storyFacets, type LeadKind, type StoryFacet } from './facts';

// A finding told in the reader's language, from what the engine recorded (`evidence`, the
// incidents, samples and actor it cites) and the reference lists' names. Pure and free of
// Node: the server, the command line and the web application tell findings with it alike.
//
// The evidence of an older store may lack a field or hold another shape: every field is read
// through a schema that falls back to "not known", and the sentence leaves out what is missing
// rather than failing, so a finding is never hidden by its explanation.

/** The reference lists' names for the keys a finding cites. */
export interface ExplainNames {
  /** Producer key → its name and the ISO code of its country. */
  manufacturers: ReadonlyMap<string, { name: string; country: string | null }>;
  /** Calibre key → its label (`7.62×39 mm`). */
  calibres: ReadonlyMap<string, string>;
  /** Model key → its label (`AK-47`). */
  models: ReadonlyMap<string, string>;
}

export const noNames: ExplainNames = { manufacturers: new Map(), calibres: new Map(), models: new Map() };

/** What a finding is told from: a lead as the API shows it (`LeadView`). */
export interface ExplainableFinding {
  kind: string;
  subject?: string;
  /** Incident references, in the order the engine cites them. */
  incidents: readonly string[];
  samples: readonly string[];
  /** Item references: a story of an item without a sample key is told by its reference. */
  items?: readonly string[];
  actor?: string | undefined;
  date: string;
  evidence: unknown;
  /** The engine's own sentence, told when the kind is unknown to this renderer. */
  explanation?: string;
}

/** A finding in one or two sentences of the reader's language, its strongest facet first. */
export function explainFinding(finding: ExplainableFinding, language: Language, names: ExplainNames): string {
  const say = speech(language, names);
  const evidence: Record<string, unknown> = isRecord(finding.evidence) ? finding.evidence : {};
  const tell = tellers[finding.kind as LeadKind] as Teller | undefined;
  if (!tell) return finding.explanation ?? `${finding.kind}: ${say.refs(finding.incidents)}`;
  return tell(finding, evidence, say);
}

/** A sample key as people say it: `7.62 × 39 mm ammunition, Factory 539 (Soviet Union), 1975`. */
export function sampleLabel(key: string, language: Language, names: ExplainNames): string {
  return speech(language, names).sample(key).text;
}

/**
 * A finding named in a few words, where it is listed beside others (a case file's gaps, a title):
 * what it is about and where, never the engine's key. `5.8 × 42 mm calibre — M-3`,
 * `AKMS weapons, Uzina Mecanica Cugir (Romania), 2011 — M-1, M-2, M-3 and 2 more`.
 */
export function findingTitle(
  finding: Pick<ExplainableFinding, 'kind' | 'subject' | 'incidents' | 'samples' | 'actor'>,
  language: Language,
  names: ExplainNames,
): string {
  const say = speech(language, names);
  const [head = '', key = ''] = (finding.subject ?? '').split(/:(.*)/s);
  const sampleOf = (k: string | undefined) => (k ? say.sample(k).text : undefined);
  let what: string | undefined;
  if (finding.kind === 'new_type')
    what =
      head === 'model'
        ? say.pick(`${say.what(key)} model`, `modèle ${say.what(key)}`)
        : head === 'calibre'
          ? say.pick(
              `${say.calibre(key) ?? say.what(key)} calibre`,
              `calibre ${say.calibre(key) ?? say.what(key)}`,
            )
          : undefined;
  else if (head === 'group') what = sampleOf(key.split('@')[0]);
  else if (head === 'series') what = sampleOf(key.split(/:(.*)/s)[1]);
  else what = sampleOf(finding.samples[0]);
  const about = [finding.kind === 'attribution' ? finding.actor : undefined, what].filter(Boolean).join(', ');
  const where = finding.incidents.length > 0 ? say.refs(finding.incidents) : '';
  return [about, where].filter(Boolean).join(' — ') || finding.kind;
}

type Teller = (finding: ExplainableFinding, evidence: Record<string, unknown>, say: Speech) => string;

// --- Reading the evidence -------------------------------------------------------------------

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Every field falls back to "not known" when it is missing or of another shape.
const text = z.string().min(1).optional().catch(undefined);
const count = z.number().int().nonnegative().optional().catch(undefined);
const texts = z.array(z.string()).catch([]);
const flag = z.boolean().optional().catch(undefined);
/** A list whose entries are kept when they read, dropped when they do not. */
function listOf<T extends z.ZodType>(entry: T) {
  return z
    .array(z.unknown())
    .catch([])
    .transform((list) => list.flatMap((x) => (isRecord(x) ? [entry.parse(x) as z.output<T>] : [])));
}
const read = <T extends z.ZodType>(schema: T, value: unknown): z.output<T> =>
  schema.parse(isRecord(value) ? value : {}) as z.output<T>;

const sampleRefs = listOf(z.object({ sample: text, incidents: count }));
const scoreTerms = listOf(z.object({ term: text, value: z.number().catch(0) }));

const storyEvidence = z.object({
  facets: texts,
  firstSeen: text,
  firstIncident: text,
  incidents: count,
  produced: z.number().int().optional().catch(undefined),
  scoreTerms,
});
type StoryEvidence = z.output<typeof storyEvidence>;

const embargoDetail = z.object({ regime: text, start: text, sameYear: flag, incidents: texts });
const diversionDetail = z.object({ event: text, type: text, date: text, later: count });
const spreadDetail = z.object({
  moves: listOf(
    z.object({
      incident: text,
      date: text,
      country: text,
      admin1: z.string().nullable().optional().catch(undefined),
      months: count,
      priorIncidents: count,
      previousArea: texts,
    }),
  ),
});
const baselineDetail = z.object({
  countries: listOf(z.object({ country: text, holders: texts, incidents: count })),
});
const rapidDetail = z.object({
  produced: z.number().int().optional().catch(undefined),
  years: count,
  incidents: count,
});

const clusterEvidence = z.object({
  samples: sampleRefs,
  actors: texts,
  countries: texts,
  firstSeen: text,
  serialSequence: z
    .object({ sample: text, incidents: count, first: text, last: text })
    .optional()
    .catch(undefined),
});
const attributionEvidence = z.object({
  suggestedActor: text,
  /** The incidents without a known actor a series names (listed first among its incidents). */
  unattributed: texts,
  confidence: z.number().min(0).max(1).optional().catch(undefined),
  attributedIncidents: count,
  samples: sampleRefs,
  otherActors: listOf(
    z.object({ actor: text, confidence: z.number().min(0).max(1).optional().catch(undefined) }),
  ),
});
const typeEvidence = z.object({
  model: text,
  calibre: text,
  firstSeen: text,
  theatreStart: text,
  incidents: count,
  scoreTerms,
});
const serialEvidence = z.object({
  serial: text,
  diversionEvent: text,
  diversionDate: text,
  recoveries: listOf(z.object({ serial: text, incident: text, date: text })),
});

// --- Speaking a language --------------------------------------------------------------------

/** How a French phrase agrees with what it is about: `munitions` are feminine plural. */
interface Agreement {
  feminine: boolean;
  plural: boolean;
}
interface Sample {
  text: string;
  /** What the sample's category is called in a list of holdings (`weapons`, `munitions`). */
  category: string;
  agreement: Agreement;
}

type Speech = ReturnType<typeof speech>;

const SAMPLE_WORDS = {
  ammo: { en: ['ammunition', 'ammunition'], fr: ['munitions', 'munitions'], feminine: true },
  weapon: { en: ['weapons', 'weapons'], fr: ['armes', 'armes'], feminine: true },
  explosive: { en: ['explosives', 'explosives'], fr: ['explosifs', 'explosifs'], feminine: false },
  ied: {
    en: ['IED components', 'IED components'],
    fr: ['composants d’EEI', 'composants d’EEI'],
    feminine: false,
  },
} as const;

/** At most this many incident references are named before "and N more". */
const SHOWN_REFS = 3;
/** At most this many samples are named in a finding resting on several. */
const SHOWN_SAMPLES = 3;

interface Formats {
  numbers: Intl.NumberFormat;
  percent: Intl.NumberFormat;
  lists: Intl.ListFormat;
  plurals: Intl.PluralRules;
}
const madeFormats = new Map<Language, Formats>();

/**
 * The language's number, percent, list and plural formats, made once: a page of findings tells
 * a hundred explanations and titles, and making the formats was most of their cost.
 */
function formatsOf(language: Language): Formats {
  let formats = madeFormats.get(language);
  if (!formats) {
    formats = {
      numbers: new Intl.NumberFormat(language),
      percent: new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }),
      lists: new Intl.ListFormat(language, { type: 'conjunction' }),
      plurals: new Intl.PluralRules(language),
    };
    madeFormats.set(language, formats);
  }
  return formats;
}

function speech(language: Language, names: ExplainNames) {
  const fr = language === 'fr';
  const { numbers, percent, lists, plurals } = formatsOf(language);
  const pick = (en: string, french: string) => (fr ? french : en);

  /** `one` when there is one, else `other` with `#` replaced by the number. */
  const plural = (n: number, one: string, other: string) =>
    plurals.select(n) === 'one' && n <= 1 ? one : other.replace('#', numbers.format(n));
  /** French `de` before a word, elided before a vowel or a mute h. */
  const de = (word: string) =>
    fr ? (/^[aeiouyhàâéèêëîïôûü]/i.test(word) ? `d’${word}` : `de ${word}`) : word;
  /** A French past participle agreeing with what it is about. */
  const agree = (participle: string, a: Agreement) =>
    `${participle}${a.feminine ? 'e' : ''}${a.plural && !participle.endsWith('s') ? 's' : ''}`;
  const date = (iso: string) => dateLabel(iso, language);
  const country = (code: string) => countryName(code, language);
  const list = (parts: string[]) => lists.format(parts);

  /**
   * Incident references, the first few named: `A, B, C, D and 3 more`. A list capped for a page
   * has holes after its first references (see leads.queries.ts): those are counted, not named.
   */
  const refs = (all: readonly string[]) => {
    const shown = all.filter((ref) => ref !== undefined).slice(0, SHOWN_REFS);
    const rest = all.length - shown.length;
    return list(
      rest > 0 ? [...shown, pick(`${numbers.format(rest)} more`, `${numbers.format(rest)} autres`)] : shown,
    );
  };
  /** Where something was seen: `at A and B` / `lors des incidents A et B`. */
  const at = (all: readonly string[]) =>
    fr
      ? all.length === 1
        ? `lors de l’incident ${all[0]}`
        : `lors des incidents ${refs(all)}`
      : `at ${refs(all)}`;

  const unrecognised = (key: string) =>
    `${key} ${pick('(not in the reference list)', '(absent de la liste de référence)')}`;

  /** A calibre key as written in each language: `7.62 × 39 mm` / `7,62 × 39 mm`. */
  const calibre = (key: string) => {
    const label = names.calibres.get(key) ?? calibreFromKey(key);
    if (label === null) return null;
    const spaced = label.replace(/\s*×\s*/g, ' × ');
    return fr ? spaced.replace(/(\d)\.(\d)/g, '$1,$2') : spaced;
  };
  /** What a sample is: a calibre, a model, or (explosives) a type written with dashes. */
  const what = (key: string) => {
    if (key.startsWith('~')) return unrecognised(key);
    return names.models.get(key) ?? calibre(key) ?? key.replace(/-/g, ' ');
  };
  /**
   * A producer as people name it: a numbered state factory by its number and country, others
   * by their name. A producer the normaliser did not recognise (`~xyz`) is shown as written and
   * said to be unrecognised: its country is not guessed.
   */
  const maker = (key: string) => {
    if (key.startsWith('~')) return unrecognised(key);
    const known = names.manufacturers.get(key);
    if (!known) return key;
    const place = known.country ? country(known.country) : null;
    const numbered = /^[a-z]{2}-(\d+)$/.exec(key);
    if (numbered) return `${pick('Factory', 'usine')} ${numbered[1]}${place ? ` (${place})` : ''}`;
    if (!place || known.name.includes(place)) return known.name;
    // A name the list writes with its country in English (`…, Sudan`) says it in the reader's.
    const english = countryName(known.country!, 'en');
    if (known.name.endsWith(`, ${english}`)) return `${known.name.slice(0, -english.length)}${place}`;
    if (known.name.includes(english)) return known.name;
    return known.name.endsWith(')') ? `${known.name}, ${place}` : `${known.name} (${place})`;
  };

  const sample = (key: string): Sample => {
    const [kind, whatKey, makerKey, made] = key.split(':');
    const words = SAMPLE_WORDS[kind as keyof typeof SAMPLE_WORDS] as
      (typeof SAMPLE_WORDS)[keyof typeof SAMPLE_WORDS] | undefined;
    const agreement = { feminine: words?.feminine ?? false, plural: true };
    if (!words || !whatKey || !makerKey || !made)
      return { text: key, category: pick('materiel', 'matériels'), agreement };
    const noun = fr ? words.fr[0] : words.en[0];
    const thing = fr ? `${noun} ${what(whatKey)}` : `${what(whatKey)} ${noun}`;
    return {
      text: `${thing}, ${maker(makerKey)}, ${made}`,
      category: fr ? words.fr[1] : words.en[1],
      agreement,
    };
  };

  return {
    language,
    fr,
    pick,
    plural,
    de,
    agree,
    date,
    country,
    list,
    refs,
    at,
    what,
    calibre,
    sample,
    number: (n: number) => numbers.format(n),
    percent: (p: number) => percent.format(p),
    /** A French colon or semicolon takes a space before it. */
    colon: fr ? ' :' : ':',
    semicolon: fr ? ' ;' : ';',
  };
}

/** `7.62x39` → `7.62×39 mm`, `82mm` → `82 mm`: a calibre outside the reference list, as keyed. */
function calibreFromKey(key: string): string | null {
  const bore = /^(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)([A-Z]*)$/.exec(key);
  if (bore) return `${bore[1]}×${bore[2]}${bore[3]} mm`;
  const mm = /^(\d+(?:\.\d+)?)mm$/.exec(key);
  return mm ? `${mm[1]} mm` : null;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// --- The kinds ------------------------------------------------------------------------------

const tellers: Record<LeadKind, Teller> = {
  sample_story: tellStory,
  linked_incidents: tellCluster,
  attribution: tellAttribution,
  new_type: tellNewType,
  diversion_match: tellDiversionMatch,
};

function tellStory(finding: ExplainableFinding, evidence: Record<string, unknown>, say: Speech): string {
  const e = read(storyEvidence, evidence);
  const key = finding.samples[0];
  const item = finding.items?.[0];
  const subject: Sample = key
    ? say.sample(key)
    : {
        // A story of an item too vaguely described to have a sample key.
        text: item ? say.pick(`item ${item}`, `l’objet ${item}`) : say.pick('an item', 'un objet'),
        category: say.pick('materiel', 'matériels'),
        agreement: { feminine: false, plural: false },
      };
  // The strongest facet first: by its term of the score, else in the engine's order.
  const weight = new Map(e.scoreTerms.map((t) => [t.term, t.value]));
  const facets = storyFacets
    .filter((f) => e.facets.includes(f))
    .sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0));
  const clauses = facets.map((f) => facetClauses[f](evidence[f], e, subject, say));

  const n = e.incidents;
  const first = e.firstIncident ?? finding.incidents[0];
  const since = first ? `${first}${e.firstSeen ? `, ${say.date(e.firstSeen)}` : ''}` : null;
  const seen =
    n === undefined
      ? since
      : n === 1
        ? `${say.pick('one incident', 'un incident')}${since ? `, ${since}` : ''}`
        : `${say.number(n)} incidents${since ? ` ${say.pick('since', 'depuis')} ${since}` : ''}`;
  const head = `${capitalised(subject.text)}${seen ? ` (${seen})` : ''}`;
  const [strongest, ...others] = clauses;
  if (strongest === undefined)
    return `${head}${say.colon} ${say.pick('a story with no facet recorded', 'un parcours sans élément enregistré')}.`;
  const also =
    others.length > 0
      ? ` ${say.pick('Also', 'Par ailleurs')}${say.colon} ${others.join(`${say.semicolon} `)}.`
      : '';
  return `${head}${say.colon} ${strongest}.${also}`;
}

type FacetClause = (detail: unknown, story: StoryEvidence, subject: Sample, say: Speech) => string;

/** Each facet of a sample's story, as a clause about the sample (French agrees with it). */
const facetClauses: Record<StoryFacet, FacetClause> = {
  post_embargo(detail, story, { agreement: a }, say) {
    const d = read(embargoDetail, detail);
    const { pick } = say;
    const made = story.produced;
    const start = d.start ? ` (${say.date(d.start)})` : '';
    const regime = d.regime
      ? pick(`the ${d.regime}`, `de l’embargo « ${d.regime} »`)
      : pick('an embargo', 'd’un embargo');
    const produced =
      made === undefined
        ? pick('produced', say.agree('produit', a))
        : pick(`produced in ${made}`, `${say.agree('produit', a)} en ${made}`);
    const when = d.sameYear
      ? pick(`the year ${regime} began${start}`, `l’année de l’entrée en vigueur ${regime}${start}`)
      : pick(`after ${regime} began${start}`, `après l’entrée en vigueur ${regime}${start}`);
    const recovered =
      d.incidents.length > 0
        ? pick(
            `, and recovered ${say.at(d.incidents)} while it was in force`,
            `, et ${say.agree('retrouvé', a)} ${say.at(d.incidents)} pendant qu’il était en vigueur`,
          )
        : '';
    return `${produced}, ${when}${recovered}`;
  },

  diversion_origin(detail, _story, { agreement: a }, say) {
    const d = read(diversionDetail, detail);
    const { pick } = say;
    const type = incidentTypes.parse(d.type ?? '');
    const about = [type && incidentTypes.label(type, say.language).toLowerCase(), d.date && say.date(d.date)]
      .filter(Boolean)
      .join(', ');
    const event = [d.event, about && `(${about})`].filter(Boolean).join(' ');
    const later =
      d.later === undefined
        ? pick('then at later incidents', 'puis lors d’incidents ultérieurs')
        : say.plural(
            d.later,
            pick('then at one later incident', 'puis lors d’un incident ultérieur'),
            pick('then at # later incidents', 'puis lors de # incidents ultérieurs'),
          );
    return pick(
      `first documented at the diversion event${event ? ` ${event}` : ''}, ${later}: that diversion is its likely origin`,
      `${say.agree('documenté', a)} d’abord lors du détournement${event ? ` ${event}` : ''}, ${later} : ce détournement en est l’origine probable`,
    );
  },

  spread_country: (detail, _story, subject, say) => spreadClause(true, detail, subject, say),
  spread_region: (detail, _story, subject, say) => spreadClause(false, detail, subject, say),

  not_in_baseline(detail, _story, subject, say) {
    const d = read(baselineDetail, detail);
    const { pick } = say;
    const a = subject.agreement;
    const forces = pick('national forces', 'forces nationales');
    const held = d.countries.map((c) => {
      const place = c.country ? ` (${say.country(c.country)})` : '';
      return `${say.list(c.holders.length > 0 ? c.holders : [forces])}${place}`;
    });
    const by = held.length > 0 ? say.list(held) : forces;
    const known = say.agree('connu', { feminine: a.feminine, plural: true });
    return pick(
      `not among the ${subject.category} known to be held by ${by}: likely trafficked rather than diverted from national stocks`,
      `${say.agree('absent', a)} des ${subject.category} ${known} ${say.de(by)} : probablement ${say.agree('issu', a)} d’un trafic plutôt que ${say.agree('détourné', a)} de stocks nationaux`,
    );
  },

  rapid_diversion(detail, story, { agreement: a }, say) {
    const d = read(rapidDetail, detail);
    const { pick } = say;
    const made = d.produced ?? story.produced;
    const later =
      d.years === undefined
        ? pick('soon after', 'peu après')
        : d.years === 0
          ? pick('the same year', 'la même année')
          : say.plural(
              d.years,
              pick('a year later', 'un an plus tard'),
              pick('# years later', '# ans plus tard'),
            );
    const where =
      d.incidents === undefined
        ? ''
        : say.plural(
            d.incidents,
            pick(' at one incident', ' lors d’un incident'),
            pick(' at # incidents', ' lors de # incidents'),
          );
    return pick(
      `produced${made !== undefined ? ` in ${made}` : ''} and in use ${later}${where}: diverted soon after production`,
      `${say.agree('produit', a)}${made !== undefined ? ` en ${made}` : ''} et ${say.agree('utilisé', a)} ${later}${where} : ${say.agree('détourné', a)} peu après ${a.plural ? 'leur' : 'sa'} production`,
    );
  },
};

/** Reaching a new country (or region) after staying in one area for a while. */
function spreadClause(country: boolean, detail: unknown, { agreement: a }: Sample, say: Speech): string {
  const { moves } = read(spreadDetail, detail);
  const { pick } = say;
  const reached = country
    ? pick('reached a new country', `${say.agree('parvenu', a)} dans un nouveau pays`)
    : pick('reached a new region', `${say.agree('parvenu', a)} dans une nouvelle région`);
  const m = moves[0];
  if (!m) return reached;
  const place = country
    ? m.country && say.country(m.country)
    : m.admin1 && `${m.admin1}${m.country ? ` (${say.country(m.country)})` : ''}`;
  const where = m.incident ? ` ${say.at([m.incident])}${m.date ? ` (${say.date(m.date)})` : ''}` : '';
  const area = m.previousArea.map((entry) => {
    const [code = '', region] = entry.split('/');
    return region ? `${region}, ${say.country(code)}` : say.country(code);
  });
  const stay = [
    m.months === undefined
      ? null
      : say.plural(m.months, pick('1 month', '1 mois'), pick('# months', '# mois')),
    m.priorIncidents === undefined
      ? null
      : say.plural(m.priorIncidents, pick('one incident', 'un incident'), '# incidents'),
  ].filter((x): x is string => x !== null);
  const inArea =
    area.length > 0
      ? pick(` in one area (${area.join('; ')})`, ` dans une même zone (${area.join(' ; ')})`)
      : '';
  const after =
    stay.length > 0 ? pick(`, after ${stay.join(' and ')}`, `, après ${stay.join(' et ')}`) + inArea : '';
  const more = moves.length - 1;
  const then =
    more <= 0
      ? ''
      : country
        ? say.plural(
            more,
            pick(', then one more country', ', puis dans un autre pays'),
            pick(', then # more countries', ', puis dans # autres pays'),
          )
        : say.plural(
            more,
            pick(', then one more region', ', puis dans une autre région'),
            pick(', then # more regions', ', puis dans # autres régions'),
          );
  return `${reached}${place ? `, ${place}${where ? ',' : ''}` : ''}${where}${after}${then}`;
}

function tellCluster(finding: ExplainableFinding, evidence: Record<string, unknown>, say: Speech): string {
  const e = read(clusterEvidence, evidence);
  const { pick } = say;
  const n = finding.incidents.length;
  const countries = e.countries.map(say.country);
  const where =
    countries.length === 0
      ? ''
      : countries.length === 1
        ? pick(` in one country (${countries[0]})`, ` dans un seul pays (${countries[0]})`)
        : pick(
            ` in ${countries.length} countries (${say.list(countries)})`,
            ` dans ${countries.length} pays (${say.list(countries)})`,
          );
  const first = finding.incidents[0];
  const last = finding.incidents[n - 1];
  const span =
    first && last && n > 1
      ? pick(
          `, from ${first}${e.firstSeen ? ` (${say.date(e.firstSeen)})` : ''} to ${last} (${say.date(finding.date)})`,
          `, ${say.de(first)}${e.firstSeen ? ` (${say.date(e.firstSeen)})` : ''} à ${last} (${say.date(finding.date)})`,
        )
      : '';
  const shown = e.samples.slice(0, SHOWN_SAMPLES).map((s) => {
    const label = s.sample ? say.sample(s.sample).text : '?';
    return s.incidents === undefined
      ? label
      : `${label} (${say.plural(s.incidents, pick('one incident', 'un incident'), '# incidents')})`;
  });
  const more = e.samples.length - shown.length;
  if (more > 0) shown.push(pick(`and ${say.number(more)} more`, `et ${say.number(more)} autres`));
  const share =
    e.samples.length === 0
      ? pick('share distinctive samples', 'ont en commun des échantillons distinctifs')
      : say.plural(
          e.samples.length,
          pick('share one distinctive sample', 'ont en commun un échantillon distinctif'),
          pick('share # distinctive samples', 'ont en commun # échantillons distinctifs'),
        );
  const samples = shown.length > 0 ? `${say.colon} ${shown.join(`${say.semicolon} `)}` : '';
  const actors =
    e.actors.length > 0
      ? ` ${say.plural(e.actors.length, pick('Actor', 'Acteur'), pick('Actors', 'Acteurs'))}${say.colon} ${say.list(e.actors)}.`
      : '';
  return `${say.number(n)} incidents${where}${span}, ${share}${samples}.${actors}${inSequence(e.serialSequence, say)}${toldWithin(finding, evidence, say)}`;
}

/** The run of serial numbers a cluster's weapons bear (clusters.ts, `serialSequence`), as a sentence. */
function inSequence(run: z.output<typeof clusterEvidence>['serialSequence'], say: Speech): string {
  if (!run?.sample || !run.incidents || !run.first || !run.last) return '';
  const sample = say.sample(run.sample).text;
  return say.pick(
    ` Serial numbers in sequence (${run.first} to ${run.last}) on ${sample}, at ${say.number(run.incidents)} of these incidents${say.colon} these weapons most likely left their maker or depot together.`,
    ` Numéros de série qui se suivent (${run.first} à ${run.last}) sur des ${sample}, dans ${say.number(run.incidents)} de ces incidents${say.colon} ces armes ont très probablement quitté ensemble leur fabricant ou leur dépôt.`,
  );
}

/**
 * The strongest of the stories a cluster tells (its samples' facets, clusters.ts), as its own
 * sentence after the cluster's.
 */
function toldWithin(finding: ExplainableFinding, evidence: Record<string, unknown>, say: Speech): string {
  const stories = Array.isArray(evidence.stories) ? evidence.stories.filter(isRecord) : [];
  const strength = (story: Record<string, unknown>) =>
    read(storyEvidence, story).scoreTerms.reduce((sum, t) => sum + t.value, 0);
  // Each story read once: sorting read them again at every comparison (a third of a page of
  // findings' time at 100,000 incidents). The first of equals, as a stable sort keeps.
  let strongest: Record<string, unknown> | undefined;
  let best = -Infinity;
  for (const story of stories) {
    const value = strength(story);
    if (value > best) [strongest, best] = [story, value];
  }
  if (!strongest || typeof strongest.sample !== 'string') return '';
  const story = {
    kind: 'sample_story',
    samples: [strongest.sample],
    incidents: [],
    date: finding.date,
    evidence: strongest,
  };
  return ` ${tellStory(story, strongest, say)}`;
}

function tellAttribution(
  finding: ExplainableFinding,
  evidence: Record<string, unknown>,
  say: Speech,
): string {
  const e = read(attributionEvidence, evidence);
  const { pick } = say;
  const own = Math.max(1, e.unattributed.length);
  const [incident = '?'] = finding.incidents;
  const supporting = finding.incidents.slice(own);
  const actor = finding.actor ?? e.suggestedActor;
  const when =
    own > 1
      ? say.plural(
          own,
          '',
          pick(
            `# incidents with no known actor (${say.refs(finding.incidents.slice(0, own))}, the last on ${say.date(finding.date)})`,
            `# incidents sans acteur connu (${say.refs(finding.incidents.slice(0, own))}, le dernier le ${say.date(finding.date)})`,
          ),
        )
      : `${incident} (${say.date(finding.date)})`;
  const subject = own > 1 ? pick('they', 'ils') : incident;
  const suggested = actor
    ? e.confidence !== undefined
      ? pick(
          `${actor} is suggested with ${say.percent(e.confidence)} confidence`,
          `${actor} est suggéré avec une confiance de ${say.percent(e.confidence)}`,
        )
      : pick(`${actor} is suggested`, `${actor} est suggéré`)
    : pick('an actor is suggested', 'un acteur est suggéré');
  const k = e.attributedIncidents ?? supporting.length;
  const backing = say.plural(
    k,
    pick('one incident attributed to it', 'un incident qui lui est attribué'),
    pick('# incidents attributed to it', '# incidents qui lui sont attribués'),
  );
  const cited = supporting.length > 0 ? ` (${say.refs(supporting)})` : '';
  const strongest = e.samples[0]?.sample;
  const others = e.samples.length - 1;
  const above = strongest
    ? pick(`, above all ${say.sample(strongest).text}`, `, avant tout ${say.sample(strongest).text}`) +
      (others > 0
        ? say.plural(
            others,
            pick(' (and one other sample)', ' (et un autre échantillon)'),
            pick(' (and # other samples)', ' (et # autres échantillons)'),
          )
        : '')
    : '';
  const next = e.otherActors[0];
  const runnerUp = next?.actor
    ? ` ${pick('Next', 'Ensuite')}${say.colon} ${next.actor}${next.confidence !== undefined ? ` (${say.percent(next.confidence)})` : ''}.`
    : '';
  return (
    (own > 1
      ? pick(
          `${when}: ${suggested}; ${subject} share materiel with ${backing}${cited}${above}.`,
          `${when} : ${suggested} ; ${subject} partagent du matériel avec ${backing}${cited}${above}.`,
        )
      : pick(
          `${when} has no known actor; ${suggested}: ${incident} shares materiel with ${backing}${cited}${above}.`,
          `${when} n’a pas d’acteur connu ; ${suggested} : ${incident} partage du matériel avec ${backing}${cited}${above}.`,
        )) + runnerUp
  );
}

function tellNewType(finding: ExplainableFinding, evidence: Record<string, unknown>, say: Speech): string {
  const e = read(typeEvidence, evidence);
  const { pick } = say;
  const [dimension, subjectKey] = (finding.subject ?? '').split(/:(.*)/s);
  const model = e.model ?? (dimension === 'model' ? subjectKey : undefined);
  const calibre = e.calibre ?? (dimension === 'calibre' ? subjectKey : undefined);
  const light = e.scoreTerms.some((t) => t.term === 'light_weapon' && t.value > 0);
  // The thing leads: the kind of finding ("New in the theatre") is shown beside it already.
  const thing = model
    ? pick(`The ${say.what(model)} model`, `Le modèle ${say.what(model)}`) +
      (light ? pick(' (a light weapon)', ' (arme légère)') : '')
    : calibre
      ? pick(
          `The ${say.calibre(calibre) ?? say.what(calibre)} calibre`,
          `Le calibre ${say.calibre(calibre) ?? say.what(calibre)}`,
        ) + (light ? pick(' (for light weapons)', ' (pour armes légères)') : '')
      : pick('This type', 'Ce type');
  const first = e.firstSeen ?? finding.date;
  const where =
    finding.incidents.length > 0
      ? `${say.colon} ${pick(
          `first documented ${say.at(finding.incidents)} (${say.date(first)})`,
          `documenté pour la première fois ${say.at(finding.incidents)} (${say.date(first)})`,
        )}`
      : '';
  const start = e.theatreStart
    ? pick(
        `, while the register goes back to ${say.date(e.theatreStart)}`,
        `, alors que le registre remonte au ${say.date(e.theatreStart)}`,
      )
    : '';
  const again = e.incidents === undefined ? 0 : e.incidents - finding.incidents.length;
  const seen =
    again > 0
      ? ` ${say.plural(again, pick('Seen again at one later incident.', 'Revu lors d’un incident ultérieur.'), pick('Seen again at # later incidents.', 'Revu lors de # incidents ultérieurs.'))}`
      : '';
  return `${thing} ${pick('is new in the theatre', 'est nouveau sur le théâtre')}${where}${start}.${seen}`;
}

function tellDiversionMatch(
  finding: ExplainableFinding,
  evidence: Record<string, unknown>,
  say: Speech,
): string {
  const e = read(serialEvidence, evidence);
  const { pick } = say;
  if (e.recoveries.length > 1) {
    const event = e.diversionEvent ?? finding.incidents[0] ?? '?';
    const eventAt = `${event}${e.diversionDate ? ` (${say.date(e.diversionDate)})` : ''}`;
    const found = e.recoveries
      .map((r) =>
        pick(
          `${r.serial ?? '?'} at ${r.incident ?? '?'}${r.date ? ` (${say.date(r.date)})` : ''}`,
          `${r.serial ?? '?'} lors de l’incident ${r.incident ?? '?'}${r.date ? ` (${say.date(r.date)})` : ''}`,
        ),
      )
      .join(pick('; ', ' ; '));
    return pick(
      `${e.recoveries.length} serial numbers recorded at the diversion event ${eventAt} were found again: ${found}. The same items, diverted.`,
      `${e.recoveries.length} numéros de série relevés lors du détournement ${eventAt} ont été retrouvés : ${found}. Les mêmes objets, détournés.`,
    );
  }
  const [kind, modelKey] = (finding.samples[0] ?? '').split(':');
  const model = kind === 'weapon' && modelKey ? ` (${say.what(modelKey)})` : '';
  const serial = e.serial
    ? pick(`Serial number ${e.serial}${model}`, `Le numéro de série ${e.serial}${model}`)
    : pick(`The same serial number${model}`, `Le même numéro de série${model}`);
  const event = e.diversionEvent ?? finding.incidents[0];
  const found = finding.incidents.length > 1 ? finding.incidents[finding.incidents.length - 1] : undefined;
  const eventAt = event ? ` ${event}${e.diversionDate ? ` (${say.date(e.diversionDate)})` : ''}` : '';
  const again = found
    ? pick(
        ` and again at ${found} (${say.date(finding.date)})`,
        ` puis lors de l’incident ${found} (${say.date(finding.date)})`,
      )
    : pick(` and again on ${say.date(finding.date)}`, ` puis de nouveau le ${say.date(finding.date)}`);
  return pick(
    `${serial} was recorded at the diversion event${eventAt}${again}: the same item, diverted.`,
    `${serial} a été relevé lors du détournement${eventAt}${again} : le même objet, détourné.`,
  );
}
