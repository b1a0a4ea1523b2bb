import Graph from 'graphology';
import { connectedComponents } from 'graphology-components';
import type { Db, Tx } from '../db/store';
import { groupBy } from '../core/collections';
import type { LeadContext, LinkingOccurrence } from './facts';
import type { LeadSettings } from './settings';
import { linkingOccurrences, storedLinkSamples } from './facts.repository';

type Weighing = Pick<LeadContext, 'settings' | 'theatreScale'>;

/**
 * Two linking samples come from one supply when they are documented together at two incidents or
 * more, and at no fewer than `groupMinOverlap` of the incidents of the rarer one: two samples
 * each seen at a dozen incidents that meet twice by chance do not merge their stories.
 */
export function sameSupply(together: number, incidentsA: number, incidentsB: number, settings: LeadSettings) {
  return together >= 2 && together >= settings.groupMinOverlap * Math.min(incidentsA, incidentsB);
}

/** Samples of one supply (see `sameSupply`) form a group: the components of the supply graph. */
export function sampleGroups(
  occurrences: LinkingOccurrence[],
  settings: LeadSettings,
): LinkingOccurrence[][] {
  const bySample = groupBy(occurrences, (o) => o.sampleKey);
  const samplesAt = groupBy(occurrences, (o) => o.incidentId);
  const graph = new Graph({ type: 'undirected' });
  for (const [sample, list] of bySample) {
    graph.mergeNode(sample);
    const together = new Map<string, number>();
    for (const incidentId of new Set(list.map((o) => o.incidentId))) {
      for (const other of new Set(samplesAt.get(incidentId)!.map((o) => o.sampleKey))) {
        if (other > sample) together.set(other, (together.get(other) ?? 0) + 1);
      }
    }
    const n = list[0]!.incidents;
    for (const [other, count] of together) {
      if (sameSupply(count, n, bySample.get(other)![0]!.incidents, settings)) graph.mergeEdge(sample, other);
    }
  }
  const groupOf = new Map<string, number>();
  connectedComponents(graph).forEach((samples, k) => samples.forEach((sample) => groupOf.set(sample, k)));
  return [...groupBy(occurrences, (o) => groupOf.get(o.sampleKey)!).values()];
}

/**
 * Every occurrence of the samples in the groups of `seeds`: a sample joins when it comes from
 * the same supply as a sample of the group (`sameSupply`).
 */
export async function growLinkGroups(
  db: Db | Tx,
  context: Weighing,
  seeds: string[],
): Promise<LinkingOccurrence[]> {
  const bySample = new Map<string, LinkingOccurrence[]>();
  const samplesAt = new Map<number, Set<string>>();
  const remember = (list: LinkingOccurrence[]) => {
    for (const o of list) {
      const known = bySample.get(o.sampleKey) ?? [];
      if (!known.some((k) => k.itemId === o.itemId)) known.push(o);
      bySample.set(o.sampleKey, known);
      samplesAt.set(o.incidentId, (samplesAt.get(o.incidentId) ?? new Set()).add(o.sampleKey));
    }
  };
  remember(await linkingOccurrences(db, context, { sampleKeys: seeds }));
  const included = new Set(bySample.keys());
  const expanded = new Set<number>();
  for (let added = [...included]; added.length > 0;) {
    const incidentIds = [...new Set(added.flatMap((s) => bySample.get(s)!.map((o) => o.incidentId)))].filter(
      (id) => !expanded.has(id),
    );
    incidentIds.forEach((id) => expanded.add(id));
    remember(await linkingOccurrences(db, context, { incidentIds }));
    added = [];
    for (const [candidate, list] of bySample) {
      if (included.has(candidate)) continue;
      const together = new Map<string, number>();
      for (const incidentId of new Set(list.map((o) => o.incidentId))) {
        for (const other of samplesAt.get(incidentId) ?? []) {
          if (included.has(other)) together.set(other, (together.get(other) ?? 0) + 1);
        }
      }
      const n = list[0]!.incidents;
      const joins = [...together].some(([other, count]) =>
        sameSupply(count, n, bySample.get(other)![0]!.incidents, context.settings),
      );
      if (joins) added.push(candidate);
    }
    added.forEach((s) => included.add(s));
  }
  return [...included].flatMap((s) => bySample.get(s)!);
}

/** The touched samples that link incidents now (their weight reaches `linkMinWeight`), or are held by a stored link group. */
export async function linkRelevant(db: Db | Tx, context: Weighing, sampleKeys: string[]) {
  const linking = new Set((await linkingOccurrences(db, context, { sampleKeys })).map((o) => o.sampleKey));
  const stored = new Set(await storedLinkSamples(db, sampleKeys));
  return sampleKeys.filter((k) => linking.has(k) || stored.has(k));
}
