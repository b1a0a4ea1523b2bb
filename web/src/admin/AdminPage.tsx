import { useState, type FormEvent } from 'react';
import { roles, type Role } from '@headstamp/access/policy';
import { api, ApiError, paths } from '../api/client';
import type { ReleaseView, UserView } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, Link } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { DataTable } from '../common/DataTable';
import { Status } from '../common/Status';
import { Field } from '../common/Field';
import { usePageTitle } from '../common/usePageTitle';
import { useI18n } from '../i18n/i18n';

/** Accounts and their roles, and which partner sees which incidents: administrators only. */
export function AdminPage() {
  const { t } = useI18n();
  const allowed = abilities(useMe()).manageUsers;
  const users = useApi<UserView[]>(allowed ? paths.users : null);
  const releases = useApi<ReleaseView[]>(allowed ? paths.releases : null);
  usePageTitle(t('admin.title'));
  if (!allowed)
    return (
      <section>
        <h1>{t('admin.title')}</h1>
        <p className="notice">{t('admin.notForRole')}</p>
      </section>
    );
  const partners = [...new Set((users.data ?? []).flatMap((u) => (u.partner ? [u.partner] : [])))].sort();
  return (
    <section className="admin-page">
      <h1>{t('admin.title')}</h1>
      <section aria-labelledby="users-title">
        <h2 id="users-title">{t('admin.users')}</h2>
        <Status loading={users.loading && !users.data} error={users.error} />
        {users.data && <UsersTable users={users.data} />}
        <NewUserForm onCreated={users.reload} />
      </section>
      <section aria-labelledby="releases-title">
        <h2 id="releases-title">{t('admin.releases')}</h2>
        <p className="muted">{t('admin.releasesIntro')}</p>
        <Status loading={releases.loading && !releases.data} error={releases.error} />
        {releases.data && <ReleasesTable releases={releases.data} onChange={releases.reload} />}
        <NewReleaseForm partners={partners} onReleased={releases.reload} />
      </section>
    </section>
  );
}

function UsersTable({ users }: { users: UserView[] }) {
  const { t } = useI18n();
  return (
    <DataTable
      className="users"
      rows={users}
      rowKey={(u) => u.username}
      columns={[
        { header: t('admin.username'), cell: (u) => u.username },
        { header: t('admin.displayName'), cell: (u) => u.displayName },
        { header: t('admin.role'), cell: (u) => t(`role.${u.role}`) },
        { header: t('admin.partner'), cell: (u) => u.partner ?? '' },
        { header: t('admin.status'), cell: (u) => (u.disabled ? t('admin.disabled') : t('admin.active')) },
      ]}
    />
  );
}

/** The server's refusal, by field when it says which (`issues` of a 400), else as a whole. */
function refusal(error: unknown): { fields: Record<string, string>; message: string } {
  if (!(error instanceof ApiError)) return { fields: {}, message: String(error) };
  const fields: Record<string, string> = {};
  for (const issue of error.body?.issues ?? []) fields[issue.path] ??= issue.message;
  return { fields, message: Object.keys(fields).length > 0 ? '' : error.message };
}

const EMPTY_USER = { username: '', displayName: '', role: 'analyst' as Role, partner: '', password: '' };
const NO_PROBLEM = { fields: {}, message: '' };

function NewUserForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(EMPTY_USER);
  const [problem, setProblem] = useState<{ fields: Record<string, string>; message: string }>(NO_PROBLEM);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const isPartner = draft.role === 'partner';
  const set = (name: keyof typeof EMPTY_USER) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [name]: e.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setDone('');
    try {
      const { username } = await api.createUser({ ...draft, partner: isPartner ? draft.partner : null });
      setDraft(EMPTY_USER);
      setProblem(NO_PROBLEM);
      setDone(t('admin.created', { username }));
      onCreated();
    } catch (error) {
      // A taken user name is a conflict (409): it belongs next to the name.
      if (error instanceof ApiError && error.status === 409)
        setProblem({ fields: { username: error.message }, message: '' });
      else setProblem(refusal(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)}>
      <fieldset className="form-grid">
        <legend>{t('admin.newUser')}</legend>
        <Field id="user-username" label={t('admin.username')} error={problem.fields.username}>
          {(props) => (
            <input {...props} required autoComplete="off" value={draft.username} onChange={set('username')} />
          )}
        </Field>
        <Field id="user-displayName" label={t('admin.displayName')} error={problem.fields.displayName}>
          {(props) => <input {...props} required value={draft.displayName} onChange={set('displayName')} />}
        </Field>
        <Field id="user-role" label={t('admin.role')} error={problem.fields.role}>
          {(props) => (
            <select {...props} value={draft.role} onChange={set('role')}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="user-partner"
          label={t('admin.partner')}
          hint={t('admin.partnerHint')}
          error={problem.fields.partner}
        >
          {(props) => (
            <input
              {...props}
              required={isPartner}
              disabled={!isPartner}
              value={isPartner ? draft.partner : ''}
              onChange={set('partner')}
            />
          )}
        </Field>
        <Field
          id="user-password"
          label={t('admin.password')}
          hint={t('admin.passwordHint')}
          error={problem.fields.password}
        >
          {(props) => (
            <input
              {...props}
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
              value={draft.password}
              onChange={set('password')}
            />
          )}
        </Field>
        <div className="wide form-actions">
          {problem.message && (
            <p role="alert" className="error">
              {problem.message}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('admin.create')}
          </button>
          <p role="status" className="done">
            {done}
          </p>
        </div>
      </fieldset>
    </form>
  );
}

function ReleasesTable({ releases, onChange }: { releases: ReleaseView[]; onChange(): void }) {
  const { t, date } = useI18n();
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const withdraw = async ({ incident, partner }: ReleaseView) => {
    setError('');
    try {
      await api.setRelease(incident, partner, false);
      setMessage(t('admin.withdrawn', { incident, partner }));
      onChange();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <DataTable
        className="releases"
        empty={t('admin.noReleases')}
        rows={releases}
        rowKey={(r) => `${r.partner}\n${r.incident}`}
        columns={[
          { header: t('admin.partner'), cell: (r) => r.partner },
          {
            header: t('admin.incident'),
            cell: (r) => <Link to={incidentPath(r.incident)}>{r.incident}</Link>,
          },
          {
            header: t('admin.releasedAt'),
            className: 'nowrap',
            cell: (r) => date(r.releasedAt.slice(0, 10)),
          },
          { header: t('admin.releasedBy'), cell: (r) => r.releasedBy ?? '' },
          {
            header: <span className="visually-hidden">{t('admin.withdraw')}</span>,
            cell: (r) => (
              <button
                type="button"
                aria-label={t('admin.withdrawLabel', { incident: r.incident, partner: r.partner })}
                onClick={() => void withdraw(r)}
              >
                {t('admin.withdraw')}
              </button>
            ),
          },
        ]}
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p role="status" className="done">
        {message}
      </p>
    </>
  );
}

function NewReleaseForm({ partners, onReleased }: { partners: string[]; onReleased(): void }) {
  const { t } = useI18n();
  const [incident, setIncident] = useState('');
  const [partner, setPartner] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    setDone('');
    const ref = incident.trim();
    const to = partner.trim();
    try {
      await api.setRelease(ref, to, true);
      setDone(t('admin.released', { incident: ref, partner: to }));
      setIncident('');
      onReleased();
    } catch (e) {
      const { fields, message } = refusal(e);
      setError(
        e instanceof ApiError && e.status === 404
          ? t('admin.noIncident')
          : message || Object.values(fields).join('; '),
      );
    }
  };
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)}>
      <fieldset className="form-grid">
        <legend>{t('admin.newRelease')}</legend>
        <Field id="release-incident" label={t('admin.incident')} hint={t('admin.incidentHint')} error={error}>
          {(props) => (
            <input {...props} required value={incident} onChange={(e) => setIncident(e.target.value)} />
          )}
        </Field>
        <Field id="release-partner" label={t('admin.partner')}>
          {(props) => (
            <>
              <input
                {...props}
                required
                list="release-partners"
                value={partner}
                onChange={(e) => setPartner(e.target.value)}
              />
              <datalist id="release-partners">
                {partners.map((p) => (
                  <option key={p} value={p} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <div className="wide form-actions">
          <button type="submit" className="primary">
            {t('admin.release')}
          </button>
          <p role="status" className="done">
            {done}
          </p>
        </div>
      </fieldset>
    </form>
  );
}
