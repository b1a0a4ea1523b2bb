import { useId, useState, type FormEvent } from 'react';
import { api, paths } from '../api/client';
import { useApi } from '../api/useApi';
import { Field } from '../common/Field';
import { Alert, Status } from '../common/Status';
import { useRefusal } from '../common/refusals';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** Which partners see this incident, and the buttons to release it to another or withdraw it. */
export function IncidentReleases({ reference }: { reference: string }) {
  const { t } = useI18n();
  const id = useId();
  const releases = useApi<string[]>(paths.incidentReleases(reference));
  const partners = useApi<string[]>(paths.partners);
  const [partner, setPartner] = useState('');
  const [said, setSaid] = useState<{ key: MessageKey; partner: string }>();
  const { busy, errors, run } = useSubmit(useRefusal());
  const change = (to: string, released: boolean) =>
    run(async () => {
      await api.setRelease(reference, to, released);
      setSaid({ key: released ? 'admin.released' : 'admin.withdrawn', partner: to });
      if (released) setPartner('');
      releases.reload();
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const to = partner.trim();
    if (to) void change(to, true);
  };
  const current = releases.data ?? [];
  return (
    <section aria-labelledby="releases-title" className="incident-releases">
      <h2 id="releases-title">{t('admin.releases')}</h2>
      <Status loading={releases.loading && !releases.data} error={releases.error} />
      {releases.data &&
        (current.length === 0 ? (
          <p className="muted">{t('incident.notReleased')}</p>
        ) : (
          <ul className="release-list">
            {current.map((p) => (
              <li key={p}>
                {p}{' '}
                <button
                  type="button"
                  disabled={busy}
                  aria-label={t('admin.withdrawLabel', { incident: reference, partner: p })}
                  onClick={() => void change(p, false)}
                >
                  {t('admin.withdraw')}
                </button>
              </li>
            ))}
          </ul>
        ))}
      <form className="inline-form" onSubmit={submit}>
        <Field id={`${id}-partner`} label={t('admin.partner')} hint={t('incident.releaseHint')}>
          {(props) => (
            <>
              <input
                {...props}
                required
                maxLength={200}
                list={`${id}-partners`}
                value={partner}
                onChange={(e) => setPartner(e.target.value)}
              />
              <datalist id={`${id}-partners`}>
                {(partners.data ?? [])
                  .filter((p) => !current.includes(p))
                  .map((p) => (
                    <option key={p} value={p} />
                  ))}
              </datalist>
            </>
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {t('admin.release')}
        </button>
      </form>
      <Alert message={errors['']} />
      <p role="status" className="done">
        {said && t(said.key, { incident: reference, partner: said.partner })}
      </p>
    </section>
  );
}
