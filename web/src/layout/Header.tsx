import { useState } from 'react';
import { Link, useLocation } from '../app/router';
import { abilities, useSession } from '../auth/session';
import { languages, type Language } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

export function Header() {
  const { t, language, setLanguage } = useI18n();
  const { session, signOut } = useSession();
  const { path } = useLocation();
  const me = session.status === 'signed-in' ? session.me : null;
  const links: { to: string; label: MessageKey; shown: boolean }[] = me
    ? [
        { to: '/', label: 'nav.dashboard', shown: true },
        { to: '/incidents', label: 'nav.incidents', shown: true },
        { to: '/leads', label: 'nav.leads', shown: abilities(me).readLeads },
        { to: '/case-files', label: 'casefiles.nav', shown: abilities(me).readCaseFiles },
        { to: '/links', label: 'links.nav', shown: true },
        { to: '/tracing', label: 'tracing.nav', shown: abilities(me).trace },
        { to: '/reports', label: 'reports.nav', shown: abilities(me).report },
        { to: '/document', label: 'nav.document', shown: abilities(me).writeDrafts },
        { to: '/reference', label: 'ref.nav', shown: true },
        { to: '/import', label: 'import.nav', shown: abilities(me).importFiles },
        { to: '/admin', label: 'admin.nav', shown: abilities(me).manageUsers },
      ]
    : [];
  const isCurrent = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));
  // On a phone the pages and tools fold behind one button; going to a page folds them again.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === path;

  return (
    <header className={`app-header${me ? ' foldable' : ''}${open ? ' menu-open' : ''}`}>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Link to="/" className="brand">
        <svg aria-hidden="true" viewBox="0 0 32 32" width="24" height="24">
          <circle cx="16" cy="16" r="14" fill="#b8860b" stroke="#f5e6c4" strokeWidth="2" />
          <circle cx="16" cy="16" r="5" fill="#5c4305" />
        </svg>
        Headstamp
      </Link>
      {me && (
        <button
          type="button"
          className="menu-button"
          aria-expanded={open}
          aria-controls="header-menu"
          onClick={() => setOpenAt(open ? null : path)}
        >
          <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
            <path d="M2 4h12M2 8h12M2 12h12" stroke="currentColor" strokeWidth="1.8" />
          </svg>{' '}
          {t('nav.menu')}
        </button>
      )}
      <div id="header-menu" className="header-menu">
        {me && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {links
                .filter((l) => l.shown)
                .map((l) => (
                  <li key={l.to}>
                    <Link to={l.to} aria-current={isCurrent(l.to) ? 'page' : undefined}>
                      {t(l.label)}
                    </Link>
                  </li>
                ))}
            </ul>
          </nav>
        )}
        <div className="header-tools">
          <label className="language">
            <span className="visually-hidden">{t('nav.language')}</span>
            <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {languages.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          {me && (
            <>
              <p className="who" data-testid="who">
                <Link to="/account" className="who-name" title={t('account.link')}>
                  {me.username}
                </Link>{' '}
                <span className="role">
                  {t(`role.${me.role}`)}
                  {me.partner ? ` · ${me.partner}` : ''}
                </span>
              </p>
              <button type="button" onClick={() => void signOut()}>
                {t('nav.signOut')}
              </button>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
