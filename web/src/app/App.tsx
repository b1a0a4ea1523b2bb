import { useEffect, useRef } from 'react';
import { SessionProvider, useSession } from '../auth/session';
import { SignInPage } from '../auth/SignInPage';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { Header } from '../layout/Header';
import { preloadMap } from '../map/LazyMap';
import { startOutbox } from '../offline/outboxStore';
import { warmApiCache } from '../offline/register';
import { Routes } from './Routes';
import { useLocation } from './router';

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </I18nProvider>
  );
}

function Shell() {
  const { session } = useSession();
  const { t } = useI18n();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // The map is on the pages opened most: its code comes while the reader reads the first page.
  const signedIn = session.status === 'signed-in';
  const user = session.status === 'signed-in' ? session.me.username : null;
  // What was documented offline is sent at start and whenever the connection returns.
  useEffect(() => {
    if (!user) return;
    void warmApiCache();
    return startOutbox(user);
  }, [user]);
  useEffect(() => {
    if (!signedIn) return;
    const idle = requestIdleCallback(preloadMap, { timeout: 5000 });
    return () => cancelIdleCallback(idle);
  }, [signedIn]);
  // After a change of page, keyboard and screen reader users start at the new page's content.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  return (
    <>
      <Header />
      <main id="main" ref={main} tabIndex={-1}>
        {session.status === 'loading' ? (
          <p role="status" className="muted">
            {t('common.loading')}
          </p>
        ) : session.status === 'signed-out' ? (
          <SignInPage expired={session.expired} />
        ) : (
          <Routes />
        )}
      </main>
    </>
  );
}
