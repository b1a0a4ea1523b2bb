import { z } from 'zod';
import { list, optionalText, partialDate, requiredText } from '../records/cells';
import { formatPartialDate, periodEnd } from '../core/dates';
import { foldKey } from '../core/text';
import { cellText, defineEntity } from '../records/entity';

const actorRow = z
  .object({
    name: requiredText('name'),
    aliases: list(),
    parent: optionalText(),
    from: partialDate(),
    to: partialDate(),
  })
  .transform((row, ctx) => {
    // "to 2015" may mean as late as 2015-12-31: compare the end of its period.
    if (row.from && row.to && periodEnd(row.to) < row.from.date) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '"to" is before "from"' });
    }
    if (row.parent !== null && foldKey(row.parent) === foldKey(row.name)) {
      ctx.addIssue({ code: 'custom', path: ['parent'], message: 'an actor cannot be its own parent' });
    }
    return { ...row, aliases: row.aliases.filter((a) => foldKey(a) !== foldKey(row.name)) };
  });

export type ActorRecord = z.output<typeof actorRow>;

export const actorSpec = defineEntity<ActorRecord>({
  kind: 'actors',
  fileNames: ['actor', 'acteurs', 'groups', 'groupes', 'armed groups', 'groupes armés'],
  columns: [
    { name: 'name', required: true, aliases: ['nom', 'actor', 'group', 'groupe'] },
    { name: 'aliases', aliases: ['alias', 'other names', 'autres noms'] },
    { name: 'parent', aliases: ['parent group', 'merged into', 'groupe parent', 'affiliation'] },
    { name: 'from', aliases: ['active from', 'start', 'début', 'depuis'] },
    { name: 'to', aliases: ['active to', 'until', 'end', 'fin', 'jusqu’à'] },
  ],
  schema: actorRow,
  key: (r) => foldKey(r.name),
  format: (r) => ({
    name: r.name,
    aliases: r.aliases.join('; '),
    parent: cellText(r.parent),
    from: r.from ? formatPartialDate(r.from) : '',
    to: r.to ? formatPartialDate(r.to) : '',
  }),
});
