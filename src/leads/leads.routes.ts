import { z } from 'zod';
import { viewerOf } from '../server/auth';
import { errorSchema, sendWrittenJson, type RouteContext, type TypedApp } from '../server/routing';
import { may, requireThat, visibilityKey } from '../access/policy';
import { KeptWhileUnchanged } from '../db/counts';
import { evaluateAttribution } from './engine';
import { readerLanguage } from '../server/language';
import { leadPage } from './leads.queries';
import { recordLeadVisit } from './lead-visits.service';
import { leadsStatus } from './queue';
import {
  attributionEvaluationSchema,
  briefEvidence,
  leadListReferences,
  leadMaxPageSize,
  leadPageSize,
  leadQueryStringSchema,
  leadsStatusSchema,
  leadViewSchema,
  leadVisitSchema,
} from './leads.schema';

const leadList = z.array(leadViewSchema);

/**
 * Pages of findings as sent, kept while the store does not change: an analysis cell opens the
 * same first pages of its inbox in turn, and telling fifty findings in a language, checking them
 * against the schema and writing them out is most of a page's cost. A page is at most a few
 * hundred kilobytes.
 */
const sentPages = new KeptWhileUnchanged<{ body: Buffer; total: number; nextCursor: string | null }>(64);

export async function leadRoutes(app: TypedApp, { store, leadSettings }: RouteContext) {
  app.get(
    '/leads',
    {
      schema: {
        tags: ['leads'],
        description:
          'Leads, strongest first (`sort=date`: newest first), each with the incidents, items and ' +
          `samples it rests on (the first ${leadListReferences} of each; \`incidentCount\`, \`itemCount\` ` +
          `and \`sampleCount\` say how many in all). One page at a time: \`limit\` leads ` +
          `(${leadPageSize} unless given, at most ${leadMaxPageSize}) after \`offset\`, or after the lead ` +
          'that `cursor` names: the `X-Next-Cursor` response header of a page, absent on the last one, ' +
          'continues after its last lead at the same cost however deep. The `X-Total-Count` response ' +
          'header gives how many leads match the filters in all. Filters: `kind`; `since` (a day); `sample` (a sample key); ' +
          '`country` (ISO code of one of its incidents); `region` (admin1 of one of its incidents, accents ' +
          'and case forgiven); `actor` (its suggested actor or the actor of one of its incidents, by name ' +
          "or alias); `facet` (of a sample's story); `newSince` (first found after this ISO 8601 moment, " +
          'e.g. the `previous` visit of `POST /leads/visit`); `validatedOnly=true` (none of its incidents ' +
          'a draft); `minScore`; `status`; `assignee`. Each lead gives `firstSeen` (when it was first ' +
          'found, across recomputations), `drafts` (how many of its incidents are unvalidated drafts) and ' +
          '`draftIncidents` (which). ' +
          'Writes return before the findings follow them: the `X-Findings-Pending` header gives how many ' +
          'changes are still to be taken into account (0: the findings are up to date; see `/leads/status`). ' +
          'Explanations are in `lang` (`en` or `fr`), else in the language of the `Accept-Language` ' +
          "header, else in English. `evidence=brief` keeps of each finding's `evidence` only its " +
          "`facets` and `scoreTerms`, what a list shows (each sample's story is most of the rest); " +
          'the explanation is told from the whole evidence either way.',
        querystring: leadQueryStringSchema,
        response: { 200: leadList },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      // Before the pages kept: one is sent to whoever shares its visibility, never without the right.
      requireThat(may.readLeads(viewer), 'read leads');
      const { lang, evidence, ...query } = request.query;
      const language = readerLanguage(request, lang);
      const selection = `${visibilityKey(viewer)}|${language}|${JSON.stringify(request.query)}`;
      const { body, total, nextCursor } = await sentPages.get(store.db, selection, async () => {
        const page = await leadPage(store.db, viewer, query, language);
        const leads =
          evidence === 'brief'
            ? page.leads.map((lead) => ({ ...lead, evidence: briefEvidence(lead.evidence) }))
            : page.leads;
        // Checked as the route's serializer checks every answer, then kept as written.
        return { ...page, body: Buffer.from(JSON.stringify(leadList.parse(leads))) };
      });
      void reply.header('x-total-count', total);
      void reply.header('x-findings-pending', (await leadsStatus(store.db)).pending);
      if (nextCursor) void reply.header('x-next-cursor', nextCursor);
      return sendWrittenJson(reply, body);
    },
  );

  app.get(
    '/leads/status',
    {
      schema: {
        tags: ['leads'],
        description:
          'Whether the findings are being brought up to date: a write returns once committed, and a ' +
          'background worker then refreshes the findings it touches (a few seconds at most, usually ' +
          'well under one). `updating` while changes wait (`pending`, the oldest queued at ' +
          '`oldestQueuedAt`); ask again until it is false, then read the findings again.',
        response: { 200: leadsStatusSchema, 403: errorSchema },
      },
    },
    async (request) => {
      requireThat(may.readLeads(viewerOf(request)), 'read leads');
      return leadsStatus(store.db);
    },
  );

  app.get(
    '/leads/evaluation',
    {
      schema: {
        tags: ['leads'],
        description:
          'How well attribution does on this register: each attributed incident’s actor hidden in ' +
          'turn and predicted from the rest. Precision: right predictions of those made; coverage: ' +
          'predictions made of the incidents evaluated (those sharing a linking sample), at the ' +
          'confidence threshold set, and in `thresholds` at 0.5, 0.6, 0.7, 0.8 and 0.9 as well.',
        response: { 200: attributionEvaluationSchema },
      },
    },
    async (request) => {
      requireThat(may.readLeads(viewerOf(request)), 'read leads');
      return evaluateAttribution(store.db, leadSettings);
    },
  );

  app.post(
    '/leads/visit',
    {
      schema: {
        tags: ['leads'],
        description:
          'Records that the caller opened the findings inbox now, and answers when they did before ' +
          '(`previous`, null the first time): findings first found since then (`newSince`) are new ' +
          'to them. Not audited: a visit changes nothing in the register.',
        response: { 200: leadVisitSchema, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => recordLeadVisit(store.db, viewerOf(request)),
  );
}
