import { languageSchema } from '../../core/vocabulary';
import { Option, type Command } from 'commander';
import type { Language } from '../../core/vocabulary';
import { leadKinds, type LeadKind } from '../../leads/facts';
import type { StoryFacet } from '../../leads/facts';
import {
  leadSorts,
  leadStatuses,
  storyFacetNames,
  type LeadSort,
  type LeadStatus,
} from '../../leads/vocabulary';
import { invalidOptions, leadSettings, withStore } from '../context';

export function leadsCommand(program: Command) {
  program
    .command('leads')
    .description(
      'what the materiel tells: new materiel, embargo breaches, links, attribution, diversion, spread',
    )
    .addOption(new Option('--kind <kind>', 'only leads of this kind').choices(leadKinds))
    .option('--since <date>', 'only leads about events on or after this day (YYYY-MM-DD)')
    .option('--sample <key>', 'only leads citing this sample')
    .option('--country <code>', 'only findings with an incident in this country (ISO code)')
    .option(
      '--region <name>',
      'only findings with an incident in this region (admin1; accents and case forgiven)',
    )
    .option('--actor <name>', 'only findings about this actor: their own, or that of one of their incidents')
    .addOption(
      new Option('--facet <facet>', "only samples' stories with this facet").choices(storyFacetNames.keys),
    )
    .option('--new-since <time>', 'only findings first found after this moment (ISO 8601 with offset)')
    .option('--validated-only', 'hide findings resting on an unvalidated draft incident')
    .option('--min-score <n>', 'only leads scored at least this (0–1)', (v) => Number(v))
    .addOption(
      new Option('--status <status>', 'only leads the cell left in this state').choices(leadStatuses),
    )
    .addOption(
      new Option('--sort <order>', 'score: strongest first; date: newest first')
        .choices(leadSorts)
        .default('score'),
    )
    .option('--limit <n>', 'print at most this many leads, in that order', (v) => Number(v))
    .addOption(
      new Option('--lang <language>', 'the language of the explanations')
        .choices(languageSchema.options)
        .default('en'),
    )
    .option('--recompute', 'recompute every lead from the whole register first')
    .option(
      '--evaluate',
      'measure attribution on the register: hide each attributed incident’s actor, predict it, report precision and coverage',
    )
    .option('--json', 'print a JSON array, in the same order')
    .action(
      async (options: {
        kind?: LeadKind;
        since?: string;
        sample?: string;
        country?: string;
        region?: string;
        actor?: string;
        facet?: StoryFacet;
        newSince?: string;
        validatedOnly?: boolean;
        minScore?: number;
        status?: LeadStatus;
        sort: LeadSort;
        limit?: number;
        lang: Language;
        recompute?: boolean;
        evaluate?: boolean;
        json?: boolean;
      }) => {
        const [
          { systemViewer },
          { evaluateAttribution },
          { drainLeads },
          { listLeads },
          { leadQuerySchema },
        ] = await Promise.all([
          import('../../access/policy'),
          import('../../leads/engine'),
          import('../../leads/queue'),
          import('../../leads/leads.queries'),
          import('../../leads/leads.schema'),
        ]);
        if (options.evaluate) {
          const result = await withStore((store) => evaluateAttribution(store.db, leadSettings()));
          if (options.json) console.log(JSON.stringify(result, null, 2));
          else
            console.log(
              `Attribution, each attributed incident's actor hidden in turn (confidence ≥ ${result.minConfidence}):\n` +
                `  ${result.evaluated} incidents with shared samples, ${result.predicted} predicted (coverage ${result.coverage}), ` +
                `${result.correct} right (precision ${result.precision}).\n` +
                `At each threshold, to choose attributionMinConfidence by:\n` +
                result.thresholds
                  .map(
                    (t) =>
                      `  ≥ ${t.minConfidence.toFixed(2)}  precision ${t.precision.toFixed(2)}  ` +
                      `coverage ${t.coverage.toFixed(2)}  (${t.correct} right of ${t.predicted})`,
                  )
                  .join('\n'),
            );
          return;
        }
        const filter = {
          kind: options.kind,
          since: options.since,
          sample: options.sample,
          country: options.country,
          region: options.region,
          actor: options.actor,
          facet: options.facet,
          newSince: options.newSince,
          validatedOnly: options.validatedOnly ? ('true' as const) : undefined,
          minScore: options.minScore,
          status: options.status,
          sort: options.sort,
          limit: options.limit,
        };
        const query = leadQuerySchema.safeParse(filter);
        if (!query.success) throw invalidOptions(query.error, String);
        const leads = await withStore(async (store) => {
          if (options.recompute) {
            const report = await drainLeads(store.db, { full: true, wait: true, settings: leadSettings() });
            if (!options.json && report !== 'busy') console.error(`Recomputed ${report.written} leads.`);
          }
          return listLeads(store.db, systemViewer, filter, options.lang);
        }, 'read');
        if (options.json) {
          console.log(
            JSON.stringify(
              leads.map(({ subject: _subject, ...lead }) => lead),
              null,
              2,
            ),
          );
          return;
        }
        for (const lead of leads)
          console.log(
            `${lead.date}  ${lead.kind.padEnd(16)} ${lead.score.toFixed(2)}  ${lead.explanation}` +
              (lead.drafts > 0 ? ` [rests on ${lead.drafts} ${lead.drafts === 1 ? 'draft' : 'drafts'}]` : ''),
          );
        console.log(`${leads.length} ${leads.length === 1 ? 'lead' : 'leads'}.`);
      },
    );
}
