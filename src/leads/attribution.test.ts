import { describe, expect, it } from 'vitest';
import { detectAttribution, evaluateAttributions, groupAttributions, scoreActors } from './attribution';
import type { IncidentFact, LeadContext, LinkingOccurrence } from './facts';
import { defaultLeadSettings, type LeadSettings } from './settings';
import { links, sampleWeight } from './weight';
import { byId, incident, ISGS, JNIM, leadContext, MACINA, nextFactId } from '../test/lead-facts';

const context = (settings: Partial<LeadSettings> = {}): LeadContext =>
  leadContext({ settings: { ...defaultLeadSettings, ...settings } });

/** The occurrences of one sample at each of `at`, of the given evidence weight. */
const shared = (sampleKey: string, at: IncidentFact[], weight: number): LinkingOccurrence[] =>
  at.map((i) => ({
    sampleKey,
    incidentId: i.id,
    itemId: nextFactId(),
    serialKey: null,
    serial: null,
    incidents: at.length,
    weight,
  }));
/** The occurrences of one sample at each of `at`, weighed as the engine does. */
const weighed = (
  sampleKey: string,
  at: IncidentFact[],
  { incidents = at.length, scale = 512, firstSeen = '2020-01-01', marked = false } = {},
): LinkingOccurrence[] =>
  shared(
    sampleKey,
    at,
    sampleWeight({ sampleKey, incidents, firstSeen, marked }, scale, defaultLeadSettings).weight,
  ).map((o) => ({ ...o, incidents }));
/** What the engine keeps of occurrences to link: samples whose weight reaches `linkMinWeight`. */
const linking = (list: LinkingOccurrence[]) => list.filter((o) => links(o.weight, defaultLeadSettings));

const RIFLE = 'weapon:AKMS:ro-cugir:2011';
const OLD_AMMO = 'ammo:7.62x39:su-711:1979';

describe('attribution series', () => {
  const known = () => [
    incident({ actorId: MACINA }),
    incident({ actorId: MACINA }),
    incident({ actorId: MACINA }),
  ];
  /** Each unattributed incident's attribution from the same occurrences, as the engine computes them. */
  const attributions = (unknown: IncidentFact[], rest: IncidentFact[], occurrences: LinkingOccurrence[]) =>
    unknown.flatMap((u) => detectAttribution(u, occurrences, byId(...unknown, ...rest), context()) ?? []);

  it('tells the attacks with no known actor sharing one lot with a group as one finding, above each alone', () => {
    const unknown = [
      incident({ ref: 'Ansongo', type: 'small_arms_fire', date: '2020-03-01' }),
      incident({ ref: 'Bourem', type: 'ied_attack', date: '2020-01-01' }),
    ];
    const rest = known();
    const occurrences = weighed(RIFLE, [...unknown, ...rest], { marked: true });
    const singles = attributions(unknown, rest, occurrences);
    expect(singles).toHaveLength(2);
    const [series, ...others] = groupAttributions(singles, byId(...unknown, ...rest));
    expect(others).toEqual([]);
    expect(series).toMatchObject({
      kind: 'attribution',
      subject: `series:${MACINA}:${RIFLE}`,
      actorId: MACINA,
      // The incidents without an actor first, earliest first, then those backing them.
      incidentIds: [unknown[1]!.id, unknown[0]!.id, ...rest.map((i) => i.id)],
      date: '2020-03-01',
    });
    expect(series!.evidence.unattributed).toEqual(['Bourem', 'Ansongo']);
    expect(series!.score).toBeGreaterThan(Math.max(...singles.map((s) => s.score)));
    expect(series!.explanation).toContain('2 incidents with no known actor (Bourem, Ansongo)');
  });

  it('keeps apart attributions resting on different samples or naming different actors', () => {
    const [a, b] = [incident(), incident()];
    const macina = known();
    const isgs = [incident({ actorId: ISGS }), incident({ actorId: ISGS }), incident({ actorId: ISGS })];
    const occurrences = [
      ...weighed(RIFLE, [a, ...macina], { marked: true }),
      ...weighed('ammo:7.62x39:sd-mic:2019', [b, ...isgs], { marked: true }),
    ];
    const singles = attributions([a, b], [...macina, ...isgs], occurrences);
    const grouped = groupAttributions(singles, byId(a, b, ...macina, ...isgs));
    expect(grouped.map((g) => g.subject).sort()).toEqual([`incident:${a.id}`, `incident:${b.id}`]);
  });

  it('weighs naming who is behind an attack above attributing a cache', () => {
    const rest = known();
    const attack = incident({ type: 'small_arms_fire' });
    const cache = incident({ type: 'arms_cache' });
    const score = (u: IncidentFact) =>
      detectAttribution(u, weighed(RIFLE, [u, ...rest], { marked: true }), byId(u, ...rest), context())!;
    expect(score(attack).evidence.scoreTerms).toContainEqual({ term: 'attack', value: 0.1 });
    expect(score(attack).score).toBeGreaterThan(score(cache).score);
  });

  it('counts an attribution’s confidence only as far as the sample it rests on is distinctive', () => {
    const rest = [...known(), ...known()];
    const attack = incident({ type: 'small_arms_fire' });
    const resting = (weight: number) =>
      detectAttribution(attack, shared(RIFLE, [attack, ...rest], weight), byId(attack, ...rest), context())!;
    const rare = resting(1);
    const staple = resting(0.6);
    const term = (lead: typeof rare, name: string) =>
      (lead.evidence.scoreTerms as { term: string; value: number }[]).find((t) => t.term === name)!.value;
    // Both samples make the model confident enough to suggest Katibat Macina …
    expect(Number(staple.evidence.confidence)).toBeGreaterThan(0.8);
    // … but only a distinctive one lets that confidence count in full: 0.35 × p × (½ + ½ w).
    expect(term(rare, 'confidence')).toBeCloseTo(0.35 * Number(rare.evidence.confidence), 2);
    expect(term(staple, 'confidence')).toBeCloseTo(0.35 * Number(staple.evidence.confidence) * 0.8, 2);
    expect(rare.score).toBeGreaterThan(staple.score);
  });
});

describe('attribution', () => {
  it('suggests the actor whose incidents share an unattributed incident’s rare samples', () => {
    const unknown = incident({ ref: 'Bandiagara', type: 'assassination' });
    const known = [incident({ actorId: MACINA }), incident({ actorId: MACINA })];
    const occurrences = [
      ...weighed(RIFLE, [unknown, ...known], { marked: true }),
      ...weighed('ammo:7.62x39:sd-mic:2019', [unknown, ...known]),
    ];
    const lead = detectAttribution(unknown, occurrences, byId(unknown, ...known), context());
    expect(lead).toMatchObject({
      kind: 'attribution',
      subject: `incident:${unknown.id}`,
      actorId: MACINA,
      incidentIds: [unknown.id, ...known.map((i) => i.id)],
      sampleKeys: ['ammo:7.62x39:sd-mic:2019', RIFLE],
    });
    expect(lead!.evidence.confidence).toBeGreaterThanOrEqual(0.8);
    expect(lead!.explanation).toContain('Bandiagara (2020-01-01) has no known actor; Katibat Macina');
  });

  it('suggests a group when its own incidents hold the samples, and its parent when they are too few', () => {
    const unknown = incident();
    const macina = [
      incident({ actorId: MACINA }),
      incident({ actorId: MACINA }),
      incident({ actorId: MACINA }),
    ];
    const suggest = (known: IncidentFact[]) =>
      detectAttribution(
        unknown,
        // Documented at five incidents in each case, so of one weight.
        weighed('ammo:7.62x39:sd-mic:2019', [unknown, ...known], { marked: true, incidents: 5 }),
        byId(unknown, ...known),
        context(),
      );
    const group = suggest(macina);
    expect(group?.actorId).toBe(MACINA);
    expect(group?.explanation).toContain('with 3 incidents attributed to Katibat Macina');
    // The parent is not a rival of its own group.
    expect(group?.evidence.otherActors).toEqual([]);
    // An incident known only as JNIM's may be Katibat Macina's or another JNIM group's: it
    // neither backs the group nor speaks against it …
    const withParent = suggest([...macina, incident({ actorId: JNIM })]);
    expect(withParent?.actorId).toBe(MACINA);
    expect(withParent?.evidence.attributedIncidents).toBe(3);
    expect(withParent?.evidence.confidence).toBe(group?.evidence.confidence);
    // … so with one group incident among them, too few for the group, the parent is named.
    const parent = suggest([macina[0]!, incident({ actorId: JNIM }), incident({ actorId: JNIM })]);
    expect(parent?.actorId).toBe(JNIM);
    expect(parent?.evidence.attributedIncidents).toBe(3);
  });

  it('suggests nobody for an incident whose actor is known', () => {
    const attack = incident({ actorId: ISGS });
    const known = [incident({ actorId: MACINA }), incident({ actorId: MACINA })];
    const occurrences = shared(RIFLE, [attack, ...known], 1);
    expect(detectAttribution(attack, occurrences, byId(attack, ...known), context())).toBeUndefined();
    // The model itself ignores the incident's own actor: that is how it is evaluated.
    expect(scoreActors(attack, occurrences, byId(attack, ...known), context())[0]?.actorId).toBe(MACINA);
  });

  it('suggests nobody when the sharing incidents are attributed to different groups', () => {
    const unknown = incident();
    const known = [incident({ actorId: MACINA }), incident({ actorId: ISGS })];
    const occurrences = shared(RIFLE, [unknown, ...known], 1);
    const scores = scoreActors(unknown, occurrences, byId(unknown, ...known), context());
    // Katibat Macina's incident is also JNIM's.
    expect(scores.map((s) => [s.actorId, s.confidence])).toEqual([
      [MACINA, 0.5],
      [JNIM, 0.5],
      [ISGS, 0.5],
    ]);
    expect(detectAttribution(unknown, occurrences, byId(unknown, ...known), context())).toBeUndefined();
  });

  it('suggests nobody when the confidence is below attributionMinConfidence', () => {
    const unknown = incident();
    const known = [incident({ actorId: MACINA }), incident({ actorId: MACINA })];
    // 0.5 × logit(2.5 / 3) = 0.80: a confidence of 0.691, below the default 0.7.
    const occurrences = shared('ammo:9x19:x:2019', [unknown, ...known], 0.5);
    const [best] = scoreActors(unknown, occurrences, byId(unknown, ...known), context());
    expect(best!.confidence).toBeCloseTo(0.691, 3);
    expect(detectAttribution(unknown, occurrences, byId(unknown, ...known), context())).toBeUndefined();
    // The near miss: a lower threshold, and the same evidence names Katibat Macina.
    const lenient = context({ attributionMinConfidence: 0.65 });
    expect(detectAttribution(unknown, occurrences, byId(unknown, ...known), lenient)?.actorId).toBe(MACINA);
  });

  it('needs attributionMinIncidents attributed incidents before suggesting an actor', () => {
    const unknown = incident();
    const known = incident({ actorId: ISGS });
    const occurrences = shared(RIFLE, [unknown, known], 1);
    const lenient = context({ attributionMinConfidence: 0.7 });
    expect(detectAttribution(unknown, occurrences, byId(unknown, known), lenient)).toBeUndefined();
    const single = context({ attributionMinConfidence: 0.7, attributionMinIncidents: 1 });
    expect(detectAttribution(unknown, occurrences, byId(unknown, known), single)?.actorId).toBe(ISGS);
  });

  it('does not attribute an attack to a group through that group’s common supply', () => {
    const unknown = incident();
    const staple = Array.from({ length: 9 }, () => incident({ actorId: ISGS }));
    const common = weighed(OLD_AMMO, [unknown, ...staple], {
      incidents: 10,
      scale: 16,
      firstSeen: '2013-01-01',
    });
    // Common in the theatre, it links nothing: the engine never gives it to the model.
    expect(linking(common)).toEqual([]);
    expect(detectAttribution(unknown, linking(common), byId(unknown, ...staple), context())).toBeUndefined();
    // Were it given, its weight is too low to make the attribution confident.
    expect(scoreActors(unknown, common, byId(unknown, ...staple), context())[0]!.confidence).toBeLessThan(
      defaultLeadSettings.attributionMinConfidence,
    );
  });

  it('attributes through a group’s rare lot, not to another group through supply common to both', () => {
    const unknown = incident({ ref: 'Ménaka', date: '2016-03-01' });
    const macina = Array.from({ length: 4 }, () => incident({ actorId: MACINA }));
    const isgs = Array.from({ length: 10 }, () => incident({ actorId: ISGS }));
    const occurrences = [
      ...shared(RIFLE, [unknown, ...macina], 0.95),
      ...shared('ammo:7.62x39:cn-31:2014', [unknown, ...macina.slice(0, 2), ...isgs], 0.4),
    ];
    const all = byId(unknown, ...macina, ...isgs);
    const scores = scoreActors(unknown, occurrences, all, context());
    expect(scores.map((s) => s.actorId)).toEqual([MACINA, JNIM, ISGS]);
    expect(scores[2]!.confidence).toBeLessThan(0.5);
    const lead = detectAttribution(unknown, occurrences, all, context());
    expect(lead?.actorId).toBe(MACINA);
    // The supply common to both groups does not back the suggestion.
    expect(lead?.sampleKeys).toEqual([RIFLE]);
    expect(lead?.incidentIds).toEqual([unknown.id, ...macina.map((i) => i.id)]);
    expect(lead?.explanation).toContain('next: ISGS');
  });

  it('lets supply common to many groups speak against each: the same lot with it is weaker', () => {
    const unknown = incident();
    const macina = [incident({ actorId: MACINA }), incident({ actorId: MACINA })];
    const isgs = Array.from({ length: 6 }, () => incident({ actorId: ISGS }));
    const lot = shared(RIFLE, [unknown, ...macina], 1);
    const common = shared('ammo:7.62x39:cn-31:2014', [unknown, ...isgs], 0.4);
    const all = byId(unknown, ...macina, ...isgs);
    const alone = scoreActors(unknown, lot, all, context())[0]!;
    const withCommon = scoreActors(unknown, [...lot, ...common], all, context()).find(
      (s) => s.actorId === MACINA,
    )!;
    expect(withCommon.confidence).toBeLessThan(alone.confidence);
  });
});

describe('evaluateAttributions', () => {
  it('counts precision and coverage over right, wrong and unpredicted incidents', () => {
    // A lot held by three Katibat Macina incidents: each, hidden, is predicted from the other two.
    const right = [
      incident({ actorId: MACINA }),
      incident({ actorId: MACINA }),
      incident({ actorId: MACINA }),
    ];
    // An ISGS lot also found at a Macina incident: hidden, that one is predicted ISGS (wrong);
    // each ISGS incident, hidden, is left with one ISGS and one Macina holder (no prediction).
    const isgs = [incident({ actorId: ISGS }), incident({ actorId: ISGS })];
    const stray = incident({ actorId: MACINA });
    // A pair: one holder left is never enough.
    const pair = [incident({ actorId: ISGS }), incident({ actorId: MACINA })];
    // Not evaluated: an unattributed incident, and an attributed one holding no linking sample.
    const unknown = incident();
    const unlinked = incident({ actorId: ISGS });
    const occurrences = [
      ...shared('weapon:a:x:2019', right, 1),
      ...shared('weapon:b:x:2019', [...isgs, stray], 1),
      ...shared('weapon:c:x:2019', pair, 1),
      ...shared('weapon:d:x:2019', [unknown, right[0]!], 1),
    ];
    const evaluation = evaluateAttributions(
      occurrences,
      byId(...right, ...isgs, stray, ...pair, unknown, unlinked),
      context(),
    );
    expect(evaluation).toMatchObject({
      evaluated: 8,
      predicted: 4,
      correct: 3,
      precision: 0.75,
      coverage: 0.5,
      minConfidence: 0.7,
    });
    // The same at other thresholds, the setting's among them; asking more confidence never
    // predicts more.
    expect(evaluation.thresholds.map((t) => t.minConfidence)).toEqual([0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(evaluation.thresholds[2]).toEqual({
      minConfidence: 0.7,
      predicted: 4,
      correct: 3,
      precision: 0.75,
      coverage: 0.5,
    });
    const predicted = evaluation.thresholds.map((t) => t.predicted);
    expect(predicted).toEqual([...predicted].sort((a, b) => b - a));
    // Each threshold is what an evaluation set to it finds.
    for (const t of evaluation.thresholds) {
      const alone = evaluateAttributions(
        occurrences,
        byId(...right, ...isgs, stray, ...pair, unknown, unlinked),
        context({ attributionMinConfidence: t.minConfidence }),
      );
      expect(alone).toMatchObject(t);
    }
    // A setting off the list is reported among them, in order.
    const odd = evaluateAttributions(
      occurrences,
      byId(...right, ...isgs, stray, ...pair, unknown, unlinked),
      context({ attributionMinConfidence: 0.75 }),
    );
    expect(odd.thresholds.map((t) => t.minConfidence)).toEqual([0.5, 0.6, 0.7, 0.75, 0.8, 0.9]);
  });

  it('counts a prediction of the incident’s parent group as correct, and never claims a group for its parent', () => {
    // Katibat Macina's incident shares a lot with two JNIM incidents: JNIM, its parent, is right.
    const macina = incident({ actorId: MACINA });
    const jnim = [incident({ actorId: JNIM }), incident({ actorId: JNIM })];
    const occurrences = shared('weapon:a:x:2019', [macina, ...jnim], 1);
    const incidents = byId(macina, ...jnim);
    expect(scoreActors(macina, occurrences, incidents, context())[0]!.actorId).toBe(JNIM);
    // Each JNIM incident, hidden, is predicted as JNIM: the Macina incident left among its holders
    // is JNIM's too, while the other JNIM incident says nothing of Katibat Macina.
    expect(scoreActors(jnim[0]!, occurrences, incidents, context()).map((s) => s.actorId)).toEqual([
      JNIM,
      MACINA,
    ]);
    expect(evaluateAttributions(occurrences, incidents, context())).toMatchObject({
      evaluated: 3,
      predicted: 3,
      correct: 3,
      precision: 1,
      coverage: 1,
    });
  });

  it('predicts nothing, and divides by nothing, on a register with no attributed incidents', () => {
    const [a, b] = [incident(), incident()];
    expect(evaluateAttributions(shared(RIFLE, [a, b], 1), byId(a, b), context())).toMatchObject({
      evaluated: 0,
      predicted: 0,
      precision: 0,
      coverage: 0,
    });
  });
});
