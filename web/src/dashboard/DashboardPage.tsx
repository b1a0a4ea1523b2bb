import { paths } from '../api/client';
import type { AttributionEvaluationView, LeadView, Stats } from '../api/types';
import { useApi } from '../api/useApi';
import { Link } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { BarChart } from '../charts/BarChart';
import { Status } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { useI18n } from '../i18n/i18n';
import { LeadList } from '../leads/LeadList';
import {
  iedAttacksAgainstFinds,
  incidentsPerYear,
  peacekeepersKilled,
  samplesByCountry,
  samplesByDecade,
  victimsPerYear,
} from './theatreCharts';

const STRONGEST_LEADS = 6;

export function DashboardPage() {
  const i18n = useI18n();
  const { t, number, percent } = i18n;
  const me = useMe();
  const canReadLeads = abilities(me).readLeads;
  const stats = useApi<Stats>(paths.stats);
  const leads = useApi<LeadView[]>(
    canReadLeads ? paths.leads({ limit: String(STRONGEST_LEADS), evidence: 'brief' }) : null,
  );
  const evaluation = useApi<AttributionEvaluationView>(canReadLeads ? paths.attributionEvaluation : null);
  usePageTitle(t('nav.dashboard'));

  const register = stats.data?.register;
  const theatre = stats.data?.theatre;
  return (
    <div className="dashboard">
      <h1>{t('dashboard.title')}</h1>
      <Status loading={stats.loading && !stats.data} error={stats.error} />
      {register && (
        <dl className="figures">
          <div>
            <dt>{t('dashboard.incidents')}</dt>
            <dd>{number(register.incidents.total)}</dd>
          </div>
          <div>
            <dt>{t('dashboard.items')}</dt>
            <dd>{number(register.items.total)}</dd>
          </div>
          <div>
            <dt>{t('dashboard.pieces')}</dt>
            <dd>{number(register.items.quantity)}</dd>
          </div>
          <div>
            <dt>{t('dashboard.samples')}</dt>
            <dd>{number(register.samples.total)}</dd>
          </div>
        </dl>
      )}
      <div className="dashboard-grid">
        {theatre && (
          <section className="charts" aria-labelledby="charts-title">
            <h2 id="charts-title" className="visually-hidden">
              {t('dashboard.charts')}
            </h2>
            <BarChart {...incidentsPerYear(theatre, i18n)} />
            <BarChart {...victimsPerYear(theatre, i18n)} />
            <BarChart {...peacekeepersKilled(theatre, i18n)} />
            <BarChart {...iedAttacksAgainstFinds(theatre, i18n)} />
            <BarChart {...samplesByDecade(theatre, i18n)} />
            <BarChart {...samplesByCountry(theatre, i18n)} />
          </section>
        )}
        {canReadLeads && (
          <section className="newest-leads" aria-labelledby="leads-title">
            <h2 id="leads-title">{t('dashboard.strongestLeads')}</h2>
            <Status loading={leads.loading && !leads.data} error={leads.error} />
            {leads.data && <LeadList leads={leads.data} compact />}
            <p>
              <Link to="/leads">{t('dashboard.allLeads')}</Link>
            </p>
          </section>
        )}
        {canReadLeads && evaluation.data && (
          <section className="attribution-evaluation" aria-labelledby="evaluation-title">
            <h2 id="evaluation-title">{t('dashboard.attribution')}</h2>
            <p>
              {evaluation.data.evaluated === 0
                ? t('dashboard.attributionNone')
                : t('dashboard.attributionResult', {
                    precision: percent(evaluation.data.precision),
                    coverage: percent(evaluation.data.coverage),
                    evaluated: number(evaluation.data.evaluated),
                    confidence: percent(evaluation.data.minConfidence),
                  })}
            </p>
            {evaluation.data.evaluated > 0 && (
              <table className="thresholds">
                <caption>{t('dashboard.thresholds')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.thresholdConfidence')}</th>
                    <th scope="col">{t('dashboard.thresholdRight')}</th>
                    <th scope="col">{t('dashboard.thresholdCovered')}</th>
                  </tr>
                </thead>
                <tbody>
                  {evaluation.data.thresholds.map((row) => (
                    <tr
                      key={row.minConfidence}
                      className={row.minConfidence === evaluation.data!.minConfidence ? 'current' : undefined}
                    >
                      <td>{percent(row.minConfidence)}</td>
                      <td>{percent(row.precision)}</td>
                      <td>{percent(row.coverage)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
