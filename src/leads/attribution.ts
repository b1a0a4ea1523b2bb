import { groupBy } from '../core/collections';
import { ATTACKS, type IncidentFact, type Lead, type LeadContext, type LinkingOccurrence } from './facts';
import {
  actorAndAncestors,
  actorName,
  byDateThenRef,
  describeSample,
  ids,
  refList,
  withScore,
} from './describe';
import { round, type ScoreTerm } from './weight';

// Attribution as a model: for an incident with no known actor, each actor is scored by the
// log-odds that the samples it shares came from that actor's supply. Each shared sample s
// with attributed holders H_s says, for actor a, p = (k + ½) / (|H_s| + 1), where k of its
// holders are incidents of a or of one of its groups (Jeffreys smoothing; holders known only as
// a's parent's are left out of H_s); its say is weighted by the sample's evidence weight w:
// log-odds(a) = Σ w · logit(p), confidence = σ(log-odds). Rare, specific materiel speaks
// loudly; supply common to many groups speaks against each.

export interface ActorScore {
  actorId: number;
  logOdds: number;
  confidence: number;
  /** The actor's (or its parents') incidents holding those samples. */
  supporting: IncidentFact[];
  /** The shared samples more likely from the actor than not, heaviest first. */
  samples: LinkingOccurrence[];
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Every actor present among the holders of the incident's linking samples, most likely first.
 * `occurrences` holds every occurrence of those samples; the incident's own actor is ignored
 * (so the model can be evaluated by hiding it).
 */
export function scoreActors(
  incident: IncidentFact,
  occurrences: LinkingOccurrence[],
  incidents: Map<number, IncidentFact>,
  context: Pick<LeadContext, 'actors'>,
): ActorScore[] {
  const bySample = groupBy(occurrences, (o) => o.sampleKey);
  const holders = new Map<string, { sample: LinkingOccurrence; at: IncidentFact[] }>();
  for (const [key, list] of bySample) {
    if (!list.some((o) => o.incidentId === incident.id)) continue;
    const at = new Map<number, IncidentFact>();
    for (const o of list) {
      const other = incidents.get(o.incidentId);
      if (other && other.id !== incident.id && other.actorId !== null) at.set(other.id, other);
    }
    if (at.size > 0) holders.set(key, { sample: list[0]!, at: [...at.values()] });
  }
  // An incident of a group is also one of its parent, not the other way round: a parent's
  // incidents back the parent, which therefore scores at least as high as any of its groups, and
  // a group is suggested only when its own incidents carry the evidence.
  const lines = new Map<number, number[]>();
  const lineOf = (actorId: number) => {
    let line = lines.get(actorId);
    if (!line) lines.set(actorId, (line = actorAndAncestors(actorId, context)));
    return line;
  };
  const candidates = [
    ...new Set([...holders.values()].flatMap((h) => h.at.flatMap((i) => lineOf(i.actorId!)))),
  ];
  return (
    candidates
      .map((actorId) => {
        let logOdds = 0;
        const supporting = new Map<number, IncidentFact>();
        const samples: LinkingOccurrence[] = [];
        const above = lineOf(actorId);
        for (const { sample, at } of holders.values()) {
          const mine = at.filter((i) => lineOf(i.actorId!).includes(actorId));
          // Holders known only as a parent's may be this group's or another of its groups':
          // they neither back it nor speak against it.
          const known = at.filter((i) => i.actorId === actorId || !above.includes(i.actorId!));
          if (known.length === 0) continue;
          const p = (mine.length + 0.5) / (known.length + 1);
          logOdds += sample.weight * logit(p);
          if (p <= 0.5) continue;
          samples.push(sample);
          mine.forEach((i) => supporting.set(i.id, i));
        }
        samples.sort((a, b) => b.weight - a.weight || (a.sampleKey < b.sampleKey ? -1 : 1));
        return {
          actorId,
          logOdds,
          confidence: sigmoid(logOdds),
          supporting: [...supporting.values()].sort(byDateThenRef),
          samples,
        };
      })
      // Equal evidence: the more specific actor first.
      .sort(
        (a, b) =>
          b.logOdds - a.logOdds ||
          lineOf(b.actorId).length - lineOf(a.actorId).length ||
          a.actorId - b.actorId,
      )
  );
}

/**
 * The actor the model suggests: the most specific one confident enough and backed by enough
 * attributed incidents (a group rather than its parent, when the group's own incidents suffice).
 */
export function suggestActor(
  scores: ActorScore[],
  context: Pick<LeadContext, 'settings' | 'actors'>,
): ActorScore | undefined {
  const { attributionMinConfidence, attributionMinIncidents } = context.settings;
  const depth = (s: ActorScore) => actorAndAncestors(s.actorId, context).length;
  return scores
    .filter((s) => s.confidence >= attributionMinConfidence && s.supporting.length >= attributionMinIncidents)
    .sort((a, b) => depth(b) - depth(a) || b.logOdds - a.logOdds || a.actorId - b.actorId)[0];
}

/** The strongest actors other than the suggested one and the groups above or below it. */
function rivals(scores: ActorScore[], best: ActorScore, context: Pick<LeadContext, 'actors'>) {
  return scores.filter(
    (s) =>
      !actorAndAncestors(s.actorId, context).includes(best.actorId) &&
      !actorAndAncestors(best.actorId, context).includes(s.actorId),
  );
}

const fraction = (n: number) => Math.min(1, Math.max(0, n));

/** attribution for one incident with no known actor, when the model suggests one. */
export function detectAttribution(
  incident: IncidentFact,
  occurrences: LinkingOccurrence[],
  incidents: Map<number, IncidentFact>,
  context: LeadContext,
): Lead | undefined {
  if (incident.actorId !== null) return undefined;
  const scores = scoreActors(incident, occurrences, incidents, context);
  const best = suggestActor(scores, context);
  if (!best) return undefined;
  const name = actorName(best.actorId, context);
  const backing = new Set(best.samples.map((s) => s.sampleKey));
  const supporting = best.supporting;
  const others = rivals(scores, best, context);
  const next = others[0];
  const strongest = best.samples[0]!;
  return withScore(
    {
      kind: 'attribution',
      subject: `incident:${incident.id}`,
      part: attributionPart(strongest.sampleKey, best.actorId),
      incidentIds: [incident.id, ...supporting.map((i) => i.id)],
      itemIds: ids(
        occurrences
          .filter(
            (o) =>
              backing.has(o.sampleKey) &&
              (o.incidentId === incident.id || supporting.some((i) => i.id === o.incidentId)),
          )
          .map((o) => ({ id: o.itemId })),
      ),
      sampleKeys: [...backing].sort(),
      actorId: best.actorId,
      date: incident.date,
      explanation: `${incident.ref} (${incident.date}) has no known actor; ${name} is suggested with ${Math.round(best.confidence * 100)}% confidence: it shares ${best.samples
        .slice(0, 3)
        .map((s) => `${describeSample(s.sampleKey)} (at ${s.incidents} incidents, weight ${s.weight})`)
        .join(
          '; ',
        )}${best.samples.length > 3 ? ` and ${best.samples.length - 3} more` : ''} with ${supporting.length} incidents attributed to ${name} (${refList(supporting)})${next ? `; next: ${actorName(next.actorId, context)}, ${Math.round(next.confidence * 100)}%` : ''}.`,
      evidence: {
        suggestedActor: name,
        confidence: round(best.confidence),
        logOdds: round(best.logOdds),
        attributedIncidents: supporting.length,
        samples: best.samples.map((s) => ({ sample: s.sampleKey, incidents: s.incidents, weight: s.weight })),
        otherActors: others
          .slice(0, 3)
          .map((s) => ({ actor: actorName(s.actorId, context), confidence: round(s.confidence) })),
        unattributed: [incident.ref],
        attacks: ATTACKS.includes(incident.type) ? 1 : 0,
        strongestSample: strongest.sampleKey,
        strongestWeight: strongest.weight,
      },
    },
    attributionTerms(
      best.confidence,
      strongest.weight,
      supporting.length,
      ATTACKS.includes(incident.type),
      1,
    ),
  );
}

/** Attributions resting above all on one sample, to one actor, are one finding: a series. */
export const attributionPart = (sampleKey: string, actorId: number) => `attribution:${actorId}:${sampleKey}`;
/** The sample a series' part rests on. */
const attributionSample = (part: string) => part.split(':').slice(2).join(':');

/**
 * An attribution's strength: the model's confidence, the weight of the sample it rests on above
 * all, the attributed incidents agreeing, whether it names who is behind an attack (what
 * attribution is for above all) and, for a series, how many incidents without a known actor the
 * same sample ties to the actor. Confidence and series count as far as that sample is
 * distinctive: a group's staple cartridge makes the model confident, yet an attribution resting
 * on it alone is routine (half its confidence counts), while a rare lot tying several
 * unattributed attacks to one group is the finding attribution exists for.
 */
function attributionTerms(
  confidence: number,
  weight: number,
  supporting: number,
  attack: boolean,
  unattributed: number,
): ScoreTerm[] {
  return [
    { term: 'confidence', value: 0.35 * confidence * (0.5 + 0.5 * weight) },
    { term: 'strongest_sample', value: 0.25 * weight },
    { term: 'incidents_agreeing', value: 0.1 * fraction((supporting - 1) / 4) },
    { term: 'attack', value: attack ? 0.1 : 0 },
    { term: 'series', value: 0.15 * weight * fraction((unattributed - 1) / 2) },
  ];
}

/**
 * One finding per series: the attributions of one part (the same actor, resting above all on
 * the same sample) told together, their incidents without a known actor first (earliest
 * first), then the attributed incidents backing them. A series of one stays the attribution of
 * its incident.
 */
export function groupAttributions(attributions: Lead[], incidents: Map<number, IncidentFact>): Lead[] {
  return [...groupBy(attributions, (a) => a.part).values()].map((members) => {
    if (members.length === 1) return members[0]!;
    const unattributed = members.map((m) => incidents.get(m.incidentIds[0]!)!).sort(byDateThenRef);
    const own = new Set(unattributed.map((i) => i.id));
    const backing = [...new Set(members.flatMap((m) => m.incidentIds.slice(1)))]
      .filter((id) => !own.has(id))
      .map((id) => incidents.get(id)!)
      .sort(byDateThenRef);
    const best = [...members].sort((a, b) => b.score - a.score || a.incidentIds[0]! - b.incidentIds[0]!)[0]!;
    const e = best.evidence;
    const confidence = Math.max(...members.map((m) => Number(m.evidence.confidence)));
    const attacks = members.reduce((n, m) => n + Number(m.evidence.attacks), 0);
    const name = String(e.suggestedActor);
    const last = unattributed[unattributed.length - 1]!;
    return withScore(
      {
        ...best,
        subject: `series:${best.part.slice('attribution:'.length)}`,
        incidentIds: [...unattributed, ...backing].map((i) => i.id),
        itemIds: [...new Set(members.flatMap((m) => m.itemIds))].sort((a, b) => a - b),
        sampleKeys: [...new Set(members.flatMap((m) => m.sampleKeys))].sort(),
        date: last.date,
        explanation: `${unattributed.length} incidents with no known actor (${refList(unattributed)}) are suggested as ${name}'s, with up to ${Math.round(confidence * 100)}% confidence: above all they share ${describeSample(attributionSample(best.part))} with ${backing.length} incidents attributed to ${name} (${refList(backing)}).`,
        evidence: {
          ...e,
          confidence: round(confidence),
          attributedIncidents: backing.length,
          unattributed: unattributed.map((i) => i.ref),
          attacks,
        },
      },
      attributionTerms(
        confidence,
        Number(e.strongestWeight),
        backing.length,
        attacks > 0,
        unattributed.length,
      ),
    );
  });
}

/** Precision and coverage of the model at one confidence threshold. */
export interface ThresholdEvaluation {
  minConfidence: number;
  predicted: number;
  /** Predictions naming the incident's actor or one of its parent groups. */
  correct: number;
  precision: number;
  coverage: number;
}

/** How the model does on the register's own attributed incidents, each actor hidden in turn. */
export interface AttributionEvaluation extends ThresholdEvaluation {
  /** Attributed incidents holding at least one linking sample: those the model could speak on. */
  evaluated: number;
  /**
   * The same at other thresholds, the setting's among them, lowest first: what a cell weighs
   * when it sets `attributionMinConfidence` for its theatre.
   */
  thresholds: ThresholdEvaluation[];
}

/** The thresholds an evaluation reports beside the setting. */
export const EVALUATED_CONFIDENCES = [0.5, 0.6, 0.7, 0.8, 0.9];

/** Leave-one-out: hide each attributed incident's actor, predict it, compare. */
export function evaluateAttributions(
  occurrences: LinkingOccurrence[],
  incidents: Map<number, IncidentFact>,
  context: LeadContext,
): AttributionEvaluation {
  const byIncident = groupBy(occurrences, (o) => o.incidentId);
  const bySample = groupBy(occurrences, (o) => o.sampleKey);
  const setting = context.settings.attributionMinConfidence;
  const confidences = [...new Set([...EVALUATED_CONFIDENCES, setting])].sort((a, b) => a - b);
  const tally = confidences.map((minConfidence) => ({ minConfidence, predicted: 0, correct: 0 }));
  let evaluated = 0;
  for (const [id, own] of byIncident) {
    const truth = incidents.get(id);
    if (!truth || truth.actorId === null) continue;
    evaluated++;
    const local = [...new Set(own.map((o) => o.sampleKey))].flatMap((k) => bySample.get(k)!);
    const scores = scoreActors(truth, local, incidents, context);
    const right = actorAndAncestors(truth.actorId, context);
    for (const t of tally) {
      const settings = { ...context.settings, attributionMinConfidence: t.minConfidence };
      const best = suggestActor(scores, { ...context, settings });
      if (!best) continue;
      t.predicted++;
      if (right.includes(best.actorId)) t.correct++;
    }
  }
  const thresholds = tally.map((t) => ({
    ...t,
    precision: t.predicted === 0 ? 0 : round(t.correct / t.predicted),
    coverage: evaluated === 0 ? 0 : round(t.predicted / evaluated),
  }));
  return { evaluated, ...thresholds.find((t) => t.minConfidence === setting)!, thresholds };
}
