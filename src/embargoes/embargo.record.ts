import { z } from 'zod';
import { country, day, list, required, requiredTerm, requiredText } from '../records/cells';
import { foldKey } from '../core/text';
import { vocabulary } from '../core/vocabulary';
import { cellText, defineEntity } from '../records/entity';

export const embargoScopes = vocabulary('embargo scope', {
  territory: { en: 'Territory', fr: 'Territoire', synonyms: ['country', 'pays', 'territorial'] },
  actors: {
    en: 'Listed actors',
    fr: 'Acteurs listés',
    synonyms: ['actor', 'acteurs', 'groups', 'groupes', 'listed', 'sanctions list'],
  },
});

const embargoRow = z
  .object({
    regime: requiredText('regime'),
    scope: requiredTerm(embargoScopes),
    country: country(),
    actors: list(),
    start: required('start', day()),
    end: day(),
  })
  .transform((row, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (row.scope === 'territory' && row.country === null)
      issue('country', 'a territorial embargo needs a country');
    if (row.scope === 'actors' && row.actors.length === 0)
      issue('actors', 'an actor-based embargo needs at least one actor');
    if (row.end !== null && row.end < row.start) issue('end', 'end is before start');
    return row;
  });

export type EmbargoRecord = z.output<typeof embargoRow>;

export const embargoSpec = defineEntity<EmbargoRecord>({
  kind: 'embargoes',
  fileNames: ['embargo', 'embargos', 'sanctions'],
  columns: [
    { name: 'regime', required: true, aliases: ['régime', 'name', 'nom', 'resolution', 'résolution'] },
    { name: 'scope', required: true, aliases: ['portée', 'type'] },
    { name: 'country', aliases: ['pays', 'territory', 'territoire'] },
    { name: 'actors', aliases: ['acteurs', 'groups', 'groupes', 'listed actors'] },
    { name: 'start', required: true, aliases: ['from', 'début', 'start date', 'date de début'] },
    { name: 'end', aliases: ['to', 'fin', 'end date', 'date de fin', 'lifted', 'levée'] },
  ],
  schema: embargoRow,
  key: (r) => foldKey(r.regime),
  format: (r) => ({
    regime: r.regime,
    scope: r.scope,
    country: cellText(r.country),
    actors: r.actors.join('; '),
    start: r.start,
    end: cellText(r.end),
  }),
});
