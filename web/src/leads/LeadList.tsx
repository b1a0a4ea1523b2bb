import { useId, useState } from 'react';
import { leadKindNames, storyFacetNames } from '@headstamp/leads/vocabulary';
import type { StoryFacet } from '@headstamp/leads/facts';
import type { Assignee, LeadView } from '../api/types';
import { incidentPath, Link } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { AddToCaseFile } from '../casefiles/AddToCaseFile';
import { SampleLinks } from '../common/SampleLinks';
import { useI18n } from '../i18n/i18n';
import { LeadDecision } from './LeadDecision';
import { scoreTermLabel, scoreTermsOf } from './scoreTerms';

/** The facets of a sample's story that the interface knows how to name. */
function facetsOf(lead: LeadView) {
  const facets = lead.evidence.facets;
  return Array.isArray(facets)
    ? facets.filter((f): f is StoryFacet => (storyFacetNames.keys as readonly unknown[]).includes(f))
    : [];
}

/** How many of a lead's incidents and samples to name before "and N more". */
const SHOWN_INCIDENTS = 6;
const SHOWN_SAMPLES = 8;

/** How the inbox names a finding when it selects it: its kind and subject, as decisions do. */
export const leadKey = (lead: { kind: string; subject: string }) => `${lead.kind} ${lead.subject}`;

/** Findings ticked for a decision in bulk, and how to tick or untick one. */
export interface LeadSelection {
  selected: ReadonlySet<string>;
  toggle(lead: LeadView, on: boolean): void;
}

export function LeadList({
  leads,
  compact = false,
  current,
  assignees,
  newSince,
  selection,
}: {
  leads: LeadView[];
  compact?: boolean;
  current?: string;
  /** Given to those who may decide on leads: the buttons to do so appear. */
  assignees?: Assignee[];
  /** The reader's previous visit: findings first found after it are marked new. */
  newSince?: string | null;
  /** Given where findings can be decided on in bulk: a checkbox per finding. */
  selection?: LeadSelection;
}) {
  const { t } = useI18n();
  if (leads.length === 0) return <p className="muted">{t('leads.none')}</p>;
  return (
    <ol className={`lead-list${compact ? ' compact' : ''}`}>
      {leads.map((lead) => (
        <li key={leadKey(lead)}>
          <LeadCard
            lead={lead}
            compact={compact}
            current={current}
            assignees={assignees}
            isNew={!!newSince && Date.parse(lead.firstSeen) > Date.parse(newSince)}
            newSince={newSince ?? undefined}
            selection={selection}
          />
        </li>
      ))}
    </ol>
  );
}

function LeadCard({
  lead,
  compact,
  current,
  assignees,
  isNew,
  newSince,
  selection,
}: {
  lead: LeadView;
  compact: boolean;
  current: string | undefined;
  assignees: Assignee[] | undefined;
  isNew: boolean;
  newSince: string | undefined;
  selection: LeadSelection | undefined;
}) {
  const { t, term, date, percent } = useI18n();
  const { writeCaseFiles } = abilities(useMe());
  const checkbox = useId();
  const others = lead.incidents.filter((ref) => ref !== current);
  const shown = compact ? others.slice(0, 3) : others.slice(0, SHOWN_INCIDENTS);
  // A list carries only the first references of a lead; its count says how many it cites, the
  // current incident (whose page lists the leads citing it) among them.
  const otherCount = lead.incidentCount - (current ? 1 : 0);
  const selected = selection?.selected.has(leadKey(lead)) ?? false;
  return (
    <article className={`lead${selected ? ' selected' : ''}`} data-kind={lead.kind}>
      <header>
        {selection && (
          <span className="lead-select">
            <input
              id={checkbox}
              type="checkbox"
              checked={selected}
              onChange={(e) => selection.toggle(lead, e.target.checked)}
            />
            <label htmlFor={checkbox} className="visually-hidden">
              {t('leads.select')}
            </label>
          </span>
        )}
        {isNew && newSince && (
          <span className="badge new" title={t('leads.newHelp', { date: date(newSince.slice(0, 10)) })}>
            {t('leads.new')}
          </span>
        )}
        <span className={`badge kind-${lead.kind}`}>{term(leadKindNames, lead.kind)}</span>
        {facetsOf(lead).map((facet) => (
          <span key={facet} className="badge facet" data-facet={facet}>
            {term(storyFacetNames, facet)}
          </span>
        ))}
        {lead.drafts > 0 && (
          <span className="badge drafts" title={t('leads.draftsHelp')}>
            {t('leads.drafts', { count: lead.drafts })}
          </span>
        )}
        <time dateTime={lead.date}>{date(lead.date)}</time>
        <span className="score" title={t('leads.scoreHelp')}>
          {t('leads.score', { score: percent(lead.score) })}
        </span>
      </header>
      <Explanation text={lead.explanation} limit={compact ? 220 : 420} />
      {!compact && <ScoreTerms lead={lead} />}
      {!compact && lead.actor && (
        <p className="lead-actor">
          {lead.kind === 'attribution' ? t('leads.suggestedActor') : t('leads.actor')}{' '}
          <strong>{lead.actor}</strong>
        </p>
      )}
      {shown.length > 0 && (
        <p className="lead-incidents">
          <span>{current ? t('leads.otherIncidents') : t('leads.incidents')}</span>{' '}
          {shown.map((ref, i) => (
            <span key={ref}>
              {i > 0 && ', '}
              <Link to={incidentPath(ref)}>{ref}</Link>
              {lead.draftIncidents.includes(ref) && (
                <span className="badge draft">{t('incident.draft')}</span>
              )}
            </span>
          ))}
          {otherCount > shown.length && ` ${t('leads.more', { count: otherCount - shown.length })}`}
        </p>
      )}
      {!compact && lead.samples.length > 0 && (
        <p className="lead-samples">
          {t('leads.samples')} <SampleLinks samples={lead.samples.slice(0, SHOWN_SAMPLES)} />
          {lead.sampleCount > SHOWN_SAMPLES &&
            ` ${t('leads.more', { count: lead.sampleCount - SHOWN_SAMPLES })}`}
        </p>
      )}
      {/* Keyed by the decision, so that a decision taken elsewhere (in bulk) replaces the card's own. */}
      {!compact && (
        <LeadDecision key={lead.decision?.decidedAt ?? 'undecided'} lead={lead} assignees={assignees} />
      )}
      {!compact && writeCaseFiles && (
        <AddToCaseFile
          members={{ leads: [{ kind: lead.kind, subject: lead.subject }] }}
          title={t('casefiles.findingTitle', { kind: term(leadKindNames, lead.kind), subject: lead.title })}
        />
      )}
    </article>
  );
}

/** What the score is made of, compactly: "score 0.81 = tie strength 0.58 + countries 0.17 …". */
function ScoreTerms({ lead }: { lead: LeadView }) {
  const { t, number } = useI18n();
  const terms = scoreTermsOf(lead.evidence);
  if (terms.length === 0) return null;
  const two = (value: number) => number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // A term that takes away (old production) is shown as one: "… + seen again 0.25 − produced long before 0.13".
  const text = terms
    .map((term, i) => {
      const sign = term.value < 0 ? '− ' : i > 0 ? '+ ' : '';
      return `${i > 0 ? ' ' : ''}${sign}${scoreTermLabel(term.term, t)} ${two(Math.abs(term.value))}`;
    })
    .join('');
  // The terms add up to the score (weight.ts `scored` scales them where the score bends below 1).
  return (
    <p className="lead-score-terms muted">{t('leads.scoreTerms', { score: two(lead.score), terms: text })}</p>
  );
}

/** The lead's explanation (in the reader's language), cut short when long, with a button to read it all. */
function Explanation({ text, limit }: { text: string; limit: number }) {
  const { t, language } = useI18n();
  const [open, setOpen] = useState(false);
  const long = text.length > limit;
  const shown = long && !open ? `${text.slice(0, text.lastIndexOf(' ', limit))}…` : text;
  return (
    <p className="explanation">
      <span lang={language}>{shown}</span>
      {long && (
        <>
          {' '}
          <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t('leads.less') : t('leads.fullExplanation')}
          </button>
        </>
      )}
    </p>
  );
}
