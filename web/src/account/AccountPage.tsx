import { useId, useState, type FormEvent } from 'react';
import { api, paths } from '../api/client';
import type { ApiTokenView, NewApiToken } from '../api/types';
import { useApi } from '../api/useApi';
import { abilities, useMe } from '../auth/session';
import { DataTable } from '../common/DataTable';
import { Field } from '../common/Field';
import { Alert, Status } from '../common/Status';
import { useRefusal } from '../common/refusals';
import { useSubmit } from '../common/useSubmit';
import { usePageTitle } from '../common/usePageTitle';
import { useI18n } from '../i18n/i18n';

/** How long a new token may live, in days: the server allows 1 to 365, 90 unless asked. */
const LIFETIMES = [30, 90, 180, 365] as const;

/** The signed-in account, and its API tokens for scripts. */
export function AccountPage() {
  const { t } = useI18n();
  const me = useMe();
  const mayMint = abilities(me).mintTokens;
  const tokens = useApi<ApiTokenView[]>(paths.tokens());
  usePageTitle(t('account.title'));
  return (
    <section className="account-page">
      <h1>{t('account.title')}</h1>
      <dl className="fields">
        <div>
          <dt>{t('admin.username')}</dt>
          <dd>{me.username}</dd>
        </div>
        <div>
          <dt>{t('admin.role')}</dt>
          <dd>{t(`role.${me.role}`)}</dd>
        </div>
        {me.partner && (
          <div>
            <dt>{t('admin.partner')}</dt>
            <dd>{me.partner}</dd>
          </div>
        )}
      </dl>
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t('tokens.title')}</h2>
        {mayMint ? (
          <>
            <p className="muted">{t('tokens.intro')}</p>
            <Status loading={tokens.loading && !tokens.data} error={tokens.error} />
            {tokens.data && <TokensTable tokens={tokens.data} onChange={tokens.reload} />}
            <NewTokenForm onCreated={tokens.reload} />
          </>
        ) : (
          <p className="notice">{t('tokens.notForPartners')}</p>
        )}
      </section>
    </section>
  );
}

/** Where a token stands: active until it expires, or revoked (when, by whom). */
function tokenState(token: ApiTokenView, t: ReturnType<typeof useI18n>['t'], date: (d: string) => string) {
  if (token.revokedAt)
    return t('tokens.revoked', { date: date(token.revokedAt.slice(0, 10)), by: token.revokedBy ?? '' });
  if (Date.parse(token.expiresAt) <= Date.now()) return t('tokens.expired');
  return t('tokens.active');
}

/** Tokens, with a button to revoke each live one; `owners` adds whose each is (administrators' list). */
export function TokensTable({
  tokens,
  owners = false,
  onChange,
}: {
  tokens: ApiTokenView[];
  owners?: boolean;
  onChange(): void;
}) {
  const { t, date } = useI18n();
  const [confirming, setConfirming] = useState<number>();
  const [revoked, setRevoked] = useState<string>();
  const { busy, errors, run } = useSubmit(useRefusal());
  const revoke = (token: ApiTokenView) =>
    run(async () => {
      await api.revokeToken(token.id);
      setConfirming(undefined);
      setRevoked(token.name);
      onChange();
    });
  const day = (iso: string | null) => (iso ? date(iso.slice(0, 10)) : '–');
  return (
    <>
      <DataTable
        className="tokens"
        empty={t('tokens.none')}
        rows={tokens}
        rowKey={(k) => k.id}
        columns={[
          { header: t('tokens.name'), cell: (k) => k.name },
          owners && { header: t('admin.username'), cell: (k) => k.username },
          { header: t('tokens.created'), className: 'nowrap', cell: (k) => day(k.createdAt) },
          { header: t('tokens.expires'), className: 'nowrap', cell: (k) => day(k.expiresAt) },
          { header: t('tokens.lastUsed'), className: 'nowrap', cell: (k) => day(k.lastUsedAt) },
          { header: t('admin.status'), cell: (k) => tokenState(k, t, date) },
          {
            header: <span className="visually-hidden">{t('tokens.revoke')}</span>,
            cell: (k) =>
              k.revokedAt || Date.parse(k.expiresAt) <= Date.now() ? null : confirming === k.id ? (
                <span className="confirm">
                  <button type="button" className="danger" disabled={busy} onClick={() => void revoke(k)}>
                    {t('tokens.revokeNow', { name: k.name })}
                  </button>{' '}
                  <button type="button" onClick={() => setConfirming(undefined)}>
                    {t('decision.cancel')}
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  aria-label={t('tokens.revokeLabel', { name: k.name })}
                  onClick={() => setConfirming(k.id)}
                >
                  {t('tokens.revoke')}
                </button>
              ),
          },
        ]}
      />
      <Alert message={errors['']} />
      <p role="status" className="done">
        {revoked !== undefined && t('tokens.revokedNow', { name: revoked })}
      </p>
    </>
  );
}

function NewTokenForm({ onCreated }: { onCreated(): void }) {
  const { t, date } = useI18n();
  const id = useId();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number>(90);
  const [made, setMade] = useState<NewApiToken>();
  const { busy, errors, run } = useSubmit(useRefusal());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      setMade(await api.createToken({ name: name.trim(), days }));
      setName('');
      onCreated();
    });
  };
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)}>
      <fieldset className="form-grid">
        <legend>{t('tokens.new')}</legend>
        <Field id={`${id}-name`} label={t('tokens.name')} hint={t('tokens.nameHint')}>
          {(props) => (
            <input
              {...props}
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field id={`${id}-days`} label={t('tokens.lifetime')}>
          {(props) => (
            <select {...props} value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {LIFETIMES.map((d) => (
                <option key={d} value={d}>
                  {t('tokens.days', { count: d })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="wide form-actions">
          <Alert message={errors['']} />
          <button type="submit" className="primary" disabled={busy}>
            {t('tokens.create')}
          </button>
        </div>
      </fieldset>
      {made && (
        <div className="new-token" role="status">
          <p>
            <strong>{t('tokens.made', { name: made.name, date: date(made.expiresAt.slice(0, 10)) })}</strong>{' '}
            {t('tokens.copyNow')}
          </p>
          <label htmlFor={`${id}-secret`}>{t('tokens.secret')}</label>
          <input
            id={`${id}-secret`}
            className="token-secret"
            readOnly
            value={made.token}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
    </form>
  );
}
