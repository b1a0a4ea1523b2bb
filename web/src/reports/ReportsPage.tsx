import { useState, type FormEvent } from 'react';
import { paths, toQuery } from '../api/client';
import type { ReportQuery, ReportYears, SdgIndicator, WeaponsRegister } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, Link, navigate, useLocation } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { DataTable } from '../common/DataTable';
import { Status } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { DayInput } from '../common/DayInput';
import { Field } from '../common/Field';
import { fieldErrors } from '../common/fieldErrors';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** Lines of the register shown on the page; the files hold every one. */
const SHOWN = 300;
const actions = ['seized', 'collected', 'destroyed'] as const;
const contexts = ['seized', 'found', 'surrendered'] as const;

/** Which period a report opens on when the address names none, and why. */
type Opening = { period: 'year'; year: number } | { period: 'range' } | { period: 'thisYear' };

/**
 * The period asked for in the address; else the last complete year with weapons recorded, else
 * every year with some (all of them this year), else this year so far: a report on a year with
 * nothing in it says nothing.
 */
export function periodOf(
  search: URLSearchParams,
  years: readonly number[],
  today = new Date().toISOString().slice(0, 10),
): { period: ReportQuery; opening?: Opening } {
  const country = search.get('country') ?? '';
  const from = search.get('from');
  const to = search.get('to');
  if (from || to) return { period: { from: from ?? '', to: to ?? today, country } };
  const thisYear = Number(today.slice(0, 4));
  const complete = years.filter((y) => y < thisYear);
  const last = complete[complete.length - 1];
  if (last !== undefined)
    return {
      period: { from: `${last}-01-01`, to: `${last}-12-31`, country },
      opening: { period: 'year', year: last },
    };
  if (years.length > 0)
    return { period: { from: `${years[0]}-01-01`, to: today, country }, opening: { period: 'range' } };
  return { period: { from: `${thisYear}-01-01`, to: today, country }, opening: { period: 'thisYear' } };
}

export function ReportsPage() {
  const { t, language } = useI18n();
  const { report: allowed } = abilities(useMe());
  const { search } = useLocation();
  const named = search.has('from') || search.has('to');
  // With no period in the address, the years that have weapons are asked first.
  const years = useApi<ReportYears>(allowed && !named ? paths.reportYears : null);
  const ready = named || years.data !== undefined || years.error !== undefined;
  const { period, opening } = periodOf(search, years.data?.years ?? []);
  const register = useApi<WeaponsRegister>(allowed && ready ? paths.weaponsRegister(period, language) : null);
  const sdg = useApi<SdgIndicator>(allowed && ready ? paths.sdgIndicator(period) : null);
  usePageTitle(t('reports.title'));

  if (!allowed)
    return (
      <section>
        <h1>{t('reports.title')}</h1>
        <p className="notice">{t('reports.notForRole')}</p>
      </section>
    );

  // Both reports check the period alike: their refusal is shown beside the field once.
  const problems = register.error ? fieldErrors(register.error) : {};
  const refused = Object.keys(problems).length > 0 && !problems[''];
  return (
    <section className="reports-page">
      <h1>{t('reports.title')}</h1>
      <p className="muted">{t('reports.intro')}</p>
      <PeriodForm key={`${period.from}|${period.to}|${period.country}`} period={period} errors={problems} />
      {opening && ready && (
        <p className="muted" data-testid="report-opening">
          {opening.period === 'year'
            ? t('reports.openedOnYear', { year: String(opening.year) })
            : opening.period === 'range'
              ? t('reports.openedOnRange')
              : t('reports.openedOnThisYear')}
        </p>
      )}
      {!refused && (
        <Status loading={register.loading || !ready} error={register.error} retry={register.reload} />
      )}
      {register.data && !register.error && <Register register={register.data} period={period} />}
      {sdg.data && !sdg.error && <Sdg indicator={sdg.data} />}
    </section>
  );
}

function PeriodForm({ period, errors }: { period: ReportQuery; errors: Partial<Record<string, string>> }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(period);
  const set = (name: keyof ReportQuery) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [name]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/reports${toQuery({ ...draft })}`);
  };
  return (
    <form className="card period-form" onSubmit={submit} noValidate>
      <fieldset className="filters">
        <legend>{t('reports.period')}</legend>
        <Field id="report-from" label={t('reports.from')} error={errors.from}>
          {(props) => (
            <DayInput
              {...props}
              required
              value={draft.from}
              onChange={(from) => setDraft({ ...draft, from })}
            />
          )}
        </Field>
        <Field id="report-to" label={t('reports.to')} error={errors.to}>
          {(props) => (
            <DayInput {...props} required value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
          )}
        </Field>
        <Field
          id="report-country"
          label={t('reports.country')}
          hint={t('reports.countryHint')}
          error={errors.country}
        >
          {(props) => <input {...props} value={draft.country} onChange={set('country')} />}
        </Field>
        <div className="actions">
          <button type="submit" className="primary">
            {t('reports.show')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function Register({ register, period }: { register: WeaponsRegister; period: ReportQuery }) {
  const { t, language, date, number } = useI18n();
  const rows = register.rows.slice(0, SHOWN);
  return (
    <section aria-labelledby="register-title">
      <h2 id="register-title">{t('reports.register')}</h2>
      <dl className="figures" aria-label={t('reports.totals')}>
        {actions.map((a) => (
          <div key={a} data-testid={`total-${a}`}>
            <dt>{t(`reports.${a}`)}</dt>
            <dd>{number(register.totals[a])}</dd>
          </div>
        ))}
      </dl>
      <div className="export-links" role="group" aria-labelledby="register-download">
        <span id="register-download">{t('reports.download')}</span>
        <ul>
          {(['csv', 'xlsx'] as const).map((format) => (
            <li key={format}>
              <a href={paths.weaponsRegisterFile(period, language, format)} download>
                {t(`reports.${format}`)}
              </a>
            </li>
          ))}
        </ul>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('reports.noRows')}</p>
      ) : (
        <>
          {register.rows.length > SHOWN && (
            <p className="muted">{t('reports.rowsShown', { shown: SHOWN, count: register.rows.length })}</p>
          )}
          {/* A wide table: its scrolling area is reachable with the keyboard. */}
          <DataTable
            className="register"
            labelledBy="register-title"
            rows={rows}
            rowKey={(_, n) => n}
            columns={[
              { header: t('reports.action'), cell: (r) => t(`reports.${r.action}`) },
              { header: t('reports.date'), className: 'nowrap', cell: (r) => date(r.date) },
              {
                header: t('reports.incident'),
                className: 'ref',
                cell: (r) => (
                  <>
                    <Link to={incidentPath(r.incident_ref)}>{r.incident_ref}</Link>
                    <div className="muted small">{r.incident_type}</div>
                  </>
                ),
              },
              {
                header: t('reports.where'),
                cell: (r) => [...new Set([r.place, r.admin1, r.country].filter(Boolean))].join(', '),
              },
              { header: t('reports.item'), className: 'nowrap', cell: (r) => r.item_ref },
              {
                header: t('reports.weapon'),
                cell: (r) => (
                  <>
                    {r.type}
                    {(r.model || r.calibre) && (
                      <div className="muted small">{[r.model, r.calibre].filter(Boolean).join(' · ')}</div>
                    )}
                  </>
                ),
              },
              {
                header: t('reports.made'),
                cell: (r) => [r.manufacturer, r.country_of_manufacture, r.year].filter(Boolean).join(', '),
              },
              { header: t('reports.serial'), cell: (r) => r.serial },
              { header: t('reports.markings'), cell: (r) => r.markings && <code>{r.markings}</code> },
              { header: t('reports.quantity'), numeric: true, cell: (r) => number(Number(r.quantity)) },
              { header: t('reports.custody'), cell: (r) => r.custody },
            ]}
          />
        </>
      )}
    </section>
  );
}

function Sdg({ indicator }: { indicator: SdgIndicator }) {
  const { t, number, percent } = useI18n();
  const share = (part: number, whole: number) => (whole === 0 ? '–' : percent(part / whole, 1));
  const figures: [MessageKey, string, string][] = [
    ['reports.arms', number(indicator.arms), 'sdg-arms'],
    ['reports.established', number(indicator.established), 'sdg-established'],
    [
      'reports.proportion',
      indicator.proportion === null ? t('reports.noArms') : percent(indicator.proportion, 1),
      'sdg-proportion',
    ],
    ['reports.traceRequested', number(indicator.traceRequested), 'sdg-requested'],
  ];
  return (
    <section aria-labelledby="sdg-title">
      <h2 id="sdg-title">{t('reports.sdg')}</h2>
      <p>{t('reports.sdgExplained')}</p>
      <dl className="figures">
        {figures.map(([label, value, id]) => (
          <div key={label} data-testid={id}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="sdg-tables">
        <DataTable
          caption={t('reports.byContext')}
          rows={contexts}
          rowKey={(c) => c}
          columns={[
            { header: t('reports.context'), rowHeader: true, cell: (c) => t(`reports.context.${c}`) },
            { header: t('reports.arms'), numeric: true, cell: (c) => number(indicator.byContext[c].arms) },
            {
              header: t('reports.established'),
              numeric: true,
              cell: (c) => number(indicator.byContext[c].established),
            },
            {
              header: t('reports.proportion'),
              numeric: true,
              cell: (c) => share(indicator.byContext[c].established, indicator.byContext[c].arms),
            },
          ]}
        />
        <div className="table-scroll">
          <table>
            <caption>{t('reports.establishedBy')}</caption>
            <tbody>
              <tr>
                <th scope="row">{t('reports.byTrace')}</th>
                <td className="num" data-testid="sdg-by-trace">
                  {number(indicator.establishedBy.trace)}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('reports.byAuthority')}</th>
                <td className="num">{number(indicator.establishedBy.authority)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
