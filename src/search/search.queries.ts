import { sql, type RawBuilder } from 'kysely';
import { visibleItems, type Viewer } from '../access/policy';
import type { Db, Tx } from '../db/store';
import { loadSearchReference } from './search.repository';
import { SearchReader, type SearchTerm } from './terms';

// Conditions for the terms of a search (`terms.ts`), as SQL built by Kysely: every typed value
// is a parameter, folded and turned into a pattern by the store itself (`search_pattern`,
// migration 0013), and every alternative of a term is one an index answers (trigrams for the
// words, b-trees for the keys) so that they combine as a bitmap OR.

/** The terms of a search, resolved with the reference lists as they are stored now. */
export async function readSearch(db: Db | Tx, text: string): Promise<SearchTerm[]> {
  return new SearchReader(await loadSearchReference(db)).read(text);
}

const or = (arms: RawBuilder<boolean>[]) =>
  arms.length === 0 ? sql<boolean>`false` : sql<boolean>`(${sql.join(arms, sql` OR `)})`;
const and = (conditions: RawBuilder<boolean>[]) => sql<boolean>`(${sql.join(conditions, sql` AND `)})`;
const list = (values: readonly (string | number)[]) => sql.join(values);

/** An item (aliased `items`) that answers a term. */
/** The conditions of a term on the folded words of a table (its alias). */
function wordArms(table: 'items' | 'incidents', term: SearchTerm): RawBuilder<boolean>[] {
  const column = sql.ref(`${table}.search_text`);
  return [
    ...term.words.map((w) => sql<boolean>`${column} LIKE search_pattern(${w})`),
    ...term.wordStarts.map((w) => sql<boolean>`${column} ~ search_word_pattern(${w})`),
  ];
}

export function itemMatches(term: SearchTerm): RawBuilder<boolean> {
  const arms = wordArms('items', term);
  if (term.calibres.length) arms.push(sql`items.calibre_key IN (${list(term.calibres)})`);
  if (term.manufacturers.length) arms.push(sql`items.manufacturer_key IN (${list(term.manufacturers)})`);
  if (term.models.length) arms.push(sql`items.model_key IN (${list(term.models)})`);
  if (term.years.length) arms.push(sql`items.year IN (${list(term.years)})`);
  if (term.countries.length) arms.push(sql`items.origin_country IN (${list(term.countries)})`);
  if (term.categories.length) arms.push(sql`items.category IN (${list(term.categories)})`);
  if (term.samples.length) arms.push(sql`items.sample_key IN (${list(term.samples)})`);
  return or(arms);
}

function incidentArms(term: SearchTerm): RawBuilder<boolean>[] {
  const arms = wordArms('incidents', term);
  if (term.countries.length) arms.push(sql`incidents.country IN (${list(term.countries)})`);
  return arms;
}

/**
 * An incident (aliased `incidents`) that answers every term of a search, by its own words or
 * country or by an item the viewer may see (`visibleItems`): no one finds an incident through
 * materiel hidden from them. The terms an incident's words do not answer must all be answered by
 * one item, as they describe one thing: `munitions URSS` is Soviet ammunition, not a Soviet rifle
 * beside Egyptian cartridges.
 *
 * Written for the planner as one IN over a UNION, never an OR beside a subquery (which it would
 * run for every incident): the incidents with an item that answers every term (the items'
 * indexes combined as a bitmap AND of bitmap ORs), and the incidents whose words answer some
 * term (trigram index), each checked for one item answering the rest.
 */
export function incidentMatches(
  db: Db | Tx,
  viewer: Viewer,
  terms: readonly SearchTerm[],
): RawBuilder<boolean> {
  if (terms.length === 0) return sql<boolean>`false`;
  const byItem = visibleItems(db, viewer)
    .select('items.incident_id')
    .where(and(terms.map(itemMatches)));
  const words = terms.map((term) => or(incidentArms(term)));
  let byWords = db.selectFrom('incidents').select('incidents.id').where(or(words));
  if (terms.length > 1) {
    const rest = visibleItems(db, viewer)
      .select(sql`1`.as('one'))
      .where(sql<boolean>`items.incident_id = incidents.id`)
      .where(and(terms.map((term, i) => or([words[i]!, itemMatches(term)]))));
    byWords = byWords.where(or([and(words), sql<boolean>`EXISTS (${rest})`]));
  }
  return sql<boolean>`incidents.id IN (${byWords} UNION ALL ${byItem})`;
}
