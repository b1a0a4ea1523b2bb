import type { Db, Tx } from '../db/store';
import { groupBy } from '../core/collections';
import type { LinkingOccurrence } from './detect';
import type { ItemFact } from './facts';
import { linkingOccurrences, storedLinkSamples } from './facts.repository';
import type { LeadSettings } from './settings';

/** Samples documented together at two or more incidents come from one supply: they form a group. */
export function sampleGroups(occurrences: LinkingOccurrence[]): LinkingOccurrence[][] {
  const bySample = groupBy(occurrences, (o) => o.sampleKey);
  const samplesAt = groupBy(occurrences, (o) => o.incidentId);
  const parent = new Map<string, string>([...bySample.keys()].map((k) => [k, k]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let node = x; node !== root;) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const [sample, list] of bySample) {
    const together = new Map<string, number>();
    for (const incidentId of new Set(list.map((o) => o.incidentId))) {
      for (const other of new Set(samplesAt.get(incidentId)!.map((o) => o.sampleKey))) {
        if (other > sample) together.set(other, (together.get(other) ?? 0) + 1);
      }
    }
    for (const [other, count] of together) if (count >= 2) parent.set(find(other), find(sample));
  }
  return [...groupBy(occurrences, (o) => find(o.sampleKey)).values()];
}

/**
 * Every occurrence of the samples in the groups of `seeds`: a sample joins when it is
 * documented together with a sample of the group at two or more incidents.
 */
export async function growLinkGroups(
  db: Db | Tx,
  settings: LeadSettings,
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
  remember(await linkingOccurrences(db, settings, { sampleKeys: seeds }));
  const included = new Set(bySample.keys());
  const expanded = new Set<number>();
  for (let added = [...included]; added.length > 0;) {
    const incidentIds = [...new Set(added.flatMap((s) => bySample.get(s)!.map((o) => o.incidentId)))].filter(
      (id) => !expanded.has(id),
    );
    incidentIds.forEach((id) => expanded.add(id));
    remember(await linkingOccurrences(db, settings, { incidentIds }));
    added = [];
    for (const [candidate, list] of bySample) {
      if (included.has(candidate)) continue;
      const together = new Map<string, number>();
      for (const incidentId of new Set(list.map((o) => o.incidentId))) {
        for (const other of samplesAt.get(incidentId) ?? []) {
          if (included.has(other)) together.set(other, (together.get(other) ?? 0) + 1);
        }
      }
      if ([...together.values()].some((n) => n >= 2)) added.push(candidate);
    }
    added.forEach((s) => included.add(s));
  }
  return [...included].flatMap((s) => bySample.get(s)!);
}

/** The touched samples documented at 2 to `linkMaxIncidents` incidents now, or held by a stored link group. */
export async function linkRelevant(
  db: Db | Tx,
  settings: LeadSettings,
  sampleKeys: string[],
  occurrences: ItemFact[],
) {
  const incidentsOf = new Map<string, Set<number>>();
  for (const item of occurrences) {
    if (item.sampleKey === null) continue;
    const set = incidentsOf.get(item.sampleKey) ?? new Set<number>();
    set.add(item.incidentId);
    incidentsOf.set(item.sampleKey, set);
  }
  const distinctive = sampleKeys.filter((k) => {
    const n = incidentsOf.get(k)?.size ?? 0;
    return n >= 2 && n <= settings.linkMaxIncidents;
  });
  const stored = new Set(await storedLinkSamples(db, sampleKeys));
  return [...new Set([...distinctive, ...sampleKeys.filter((k) => stored.has(k))])];
}
