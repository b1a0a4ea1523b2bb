import { useState, type FormEvent } from 'react';
import { roles, type Role } from '@headstamp/access/policy';
import { api, ApiError, paths } from '../api/client';
import type { ApiTokenView, ReleaseView, UserView } from '../api/types';
import { useApi } from '../api/useApi';
import { incidentPath, Link } from '../app/router';
import { abilities, useMe } from '../auth/session';
import { DataTable } from '../common/DataTable';
import { Alert, Status } from '../common/Status';
import { Field } from '../common/Field';
import { fieldErrors } from '../common/fieldErrors';
import { refusal, useSubmit } from '../common/useSubmit';
import { usePageTitle } from '../common/usePageTitle';
import { useRefusal } from '../common/refusals';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { TokensTable } from '../account/AccountPage';
import { DeletedRecords } from './DeletedRecords';

/** Accounts and their roles, and which partner sees which incidents: administrators only. */
export function AdminPage() {
  const { t } = useI18n();
  const me = useMe();
  const allowed = abilities(me).manageUsers;
  const users = useApi<UserView[]>(allowed ? paths.users : null);
  const releases = useApi<ReleaseView[]>(allowed ? paths.releases : null);
  const tokens = useApi<ApiTokenView[]>(allowed ? paths.tokens(true) : null);
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
        {users.data && (
          <UsersTable
            users={users.data}
            me={me.username}
            onChange={() => {
              users.reload();
              tokens.reload();
            }}
          />
        )}
        {users.data && <RoleForm users={users.data} me={me.username} onChanged={users.reload} />}
        <NewUserForm onCreated={users.reload} />
      </section>
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t('tokens.everyAccount')}</h2>
        <p className="muted">{t('tokens.everyAccountIntro')}</p>
        <Status loading={tokens.loading && !tokens.data} error={tokens.error} />
        {tokens.data && <TokensTable tokens={tokens.data} owners onChange={tokens.reload} />}
      </section>
      <section aria-labelledby="releases-title">
        <h2 id="releases-title">{t('admin.releases')}</h2>
        <p className="muted">{t('admin.releasesIntro')}</p>
        <Status loading={releases.loading && !releases.data} error={releases.error} />
        {releases.data && <ReleasesTable releases={releases.data} onChange={releases.reload} />}
        <NewReleaseForm partners={partners} onReleased={releases.reload} />
      </section>
      <DeletedRecords />
    </section>
  );
}

function UsersTable({ users, me, onChange }: { users: UserView[]; me: string; onChange(): void }) {
  const { t } = useI18n();
  // What was done, said in the reader's language of the moment (kept as a message and its name).
  const [said, setSaid] = useState<{ key: MessageKey; username: string }>();
  const { busy, errors, run } = useSubmit(useRefusal());
  const setDisabled = (user: UserView, disabled: boolean) =>
    run(async () => {
      await api.changeUser(user.username, { disabled });
      setSaid({ key: disabled ? 'admin.disabledNow' : 'admin.enabledNow', username: user.username });
      onChange();
    });
  return (
    <>
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
          {
            header: <span className="visually-hidden">{t('admin.actions')}</span>,
            cell: (u) =>
              // An administrator does not lock themselves out: the server refuses it too.
              u.username === me ? (
                <span className="muted">{t('admin.you')}</span>
              ) : (
                <button
                  type="button"
                  disabled={busy}
                  aria-label={t(u.disabled ? 'admin.enableLabel' : 'admin.disableLabel', {
                    username: u.username,
                  })}
                  onClick={() => void setDisabled(u, !u.disabled)}
                >
                  {u.disabled ? t('admin.enable') : t('admin.disable')}
                </button>
              ),
          },
        ]}
      />
      <Alert message={errors['']} />
      <p role="status" className="done">
        {said && t(said.key, { username: said.username })}
      </p>
    </>
  );
}

/** Another role for an account (its sessions end: it signs in again as what it now is). */
function RoleForm({ users, me, onChanged }: { users: UserView[]; me: string; onChanged(): void }) {
  const { t } = useI18n();
  const others = users.filter((u) => u.username !== me);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [partner, setPartner] = useState('');
  const [said, setSaid] = useState<{ username: string; role: Role }>();
  const { busy, errors, run } = useSubmit(useRefusal());
  const account = others.find((u) => u.username === username) ?? others[0];
  const chosenRole = role || account?.role || 'analyst';
  const isPartner = chosenRole === 'partner';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!account) return;
    return run(async () => {
      await api.changeUser(account.username, {
        role: chosenRole,
        ...(isPartner ? { partner: partner.trim() } : {}),
      });
      setSaid({ username: account.username, role: chosenRole });
      setRole('');
      setPartner('');
      onChanged();
    });
  };
  if (!account) return null;
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)}>
      <fieldset className="form-grid">
        <legend>{t('admin.changeRole')}</legend>
        <p className="muted wide">{t('admin.changeRoleHint')}</p>
        <Field id="role-user" label={t('admin.account')}>
          {(props) => (
            <select
              {...props}
              value={account.username}
              onChange={(e) => {
                setUsername(e.target.value);
                setRole('');
              }}
            >
              {others.map((u) => (
                <option key={u.username} value={u.username}>
                  {u.username} ({t(`role.${u.role}`)})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="role-role" label={t('admin.newRole')}>
          {(props) => (
            <select {...props} value={chosenRole} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="role-partner" label={t('admin.partner')} hint={t('admin.partnerHint')}>
          {(props) => (
            <input
              {...props}
              required={isPartner}
              disabled={!isPartner}
              value={isPartner ? partner : ''}
              onChange={(e) => setPartner(e.target.value)}
            />
          )}
        </Field>
        <div className="wide form-actions">
          <Alert message={errors['']} />
          <button
            type="submit"
            className="primary"
            disabled={busy || (chosenRole === account.role && !isPartner)}
          >
            {t('admin.changeRoleButton')}
          </button>
          <p role="status" className="done">
            {said && t('admin.roleChanged', { username: said.username, role: t(`role.${said.role}`) })}
          </p>
        </div>
      </fieldset>
    </form>
  );
}

const EMPTY_USER = { username: '', displayName: '', role: 'analyst' as Role, partner: '', password: '' };

function NewUserForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(EMPTY_USER);
  const [created, setCreated] = useState('');
  const { busy, errors, done, run } = useSubmit((error) =>
    // A taken user name is a conflict (409): it belongs next to the name.
    error instanceof ApiError && error.status === 409 ? { username: error.message } : fieldErrors(error),
  );
  const isPartner = draft.role === 'partner';
  const set = (name: keyof typeof EMPTY_USER) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [name]: e.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const { username } = await api.createUser({ ...draft, partner: isPartner ? draft.partner : null });
      setDraft(EMPTY_USER);
      setCreated(username);
      onCreated();
    });
  };

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)}>
      <fieldset className="form-grid">
        <legend>{t('admin.newUser')}</legend>
        <Field id="user-username" label={t('admin.username')} error={errors.username}>
          {(props) => (
            <input {...props} required autoComplete="off" value={draft.username} onChange={set('username')} />
          )}
        </Field>
        <Field id="user-displayName" label={t('admin.displayName')} error={errors.displayName}>
          {(props) => <input {...props} required value={draft.displayName} onChange={set('displayName')} />}
        </Field>
        <Field id="user-role" label={t('admin.role')} error={errors.role}>
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
          error={errors.partner}
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
          error={errors.password}
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
          <Alert message={errors['']} />
          <button type="submit" className="primary" disabled={busy}>
            {t('admin.create')}
          </button>
          <p role="status" className="done">
            {done ? t('admin.created', { username: created }) : ''}
          </p>
        </div>
      </fieldset>
    </form>
  );
}

function ReleasesTable({ releases, onChange }: { releases: ReleaseView[]; onChange(): void }) {
  const { t, date } = useI18n();
  const [withdrawn, setWithdrawn] = useState({ incident: '', partner: '' });
  const { errors, done, run } = useSubmit(refusal);
  const withdraw = ({ incident, partner }: ReleaseView) =>
    run(async () => {
      await api.setRelease(incident, partner, false);
      setWithdrawn({ incident, partner });
      onChange();
    });
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
      <Alert message={errors['']} />
      <p role="status" className="done">
        {done ? t('admin.withdrawn', withdrawn) : ''}
      </p>
    </>
  );
}

function NewReleaseForm({ partners, onReleased }: { partners: string[]; onReleased(): void }) {
  const { t } = useI18n();
  const [incident, setIncident] = useState('');
  const [partner, setPartner] = useState('');
  const [released, setReleased] = useState({ incident: '', partner: '' });
  // Whatever the server refuses is about the incident: the partner is anyone's to name.
  const { errors, done, run } = useSubmit((error) => ({
    incident:
      error instanceof ApiError && error.status === 404
        ? t('admin.noIncident')
        : Object.values(fieldErrors(error)).join('; '),
  }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ref = incident.trim();
    const to = partner.trim();
    return run(async () => {
      await api.setRelease(ref, to, true);
      setReleased({ incident: ref, partner: to });
      setIncident('');
      onReleased();
    });
  };
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)}>
      <fieldset className="form-grid">
        <legend>{t('admin.newRelease')}</legend>
        <Field
          id="release-incident"
          label={t('admin.incident')}
          hint={t('admin.incidentHint')}
          error={errors.incident}
        >
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
            {done ? t('admin.released', released) : ''}
          </p>
        </div>
      </fieldset>
    </form>
  );
}
