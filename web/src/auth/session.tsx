import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { may, type Viewer } from '@headstamp/access/policy';
import { api, ApiError, onSessionLost } from '../api/client';
import type { Me } from '../api/types';
import { clearApiCache } from '../offline/register';

export type Session =
  { status: 'loading' } | { status: 'signed-out'; expired: boolean } | { status: 'signed-in'; me: Me };

interface SessionApi {
  session: Session;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  useEffect(() => {
    onSessionLost(() => {
      void clearApiCache();
      setSession({ status: 'signed-out', expired: true });
    });
    api.me().then(
      (me) => setSession({ status: 'signed-in', me }),
      (error: unknown) => {
        if (!(error instanceof ApiError)) console.error(error);
        setSession({ status: 'signed-out', expired: false });
      },
    );
  }, []);
  const signIn = useCallback(async (username: string, password: string) => {
    const me = await api.signIn(username, password);
    setSession({ status: 'signed-in', me });
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } finally {
      await clearApiCache();
      setSession({ status: 'signed-out', expired: false });
    }
  }, []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in account; only for pages shown after sign-in. */
export function useMe(): Me {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useMe before sign-in');
  return session.me;
}

/** What the account may do: the server's own rules (src/access/policy.ts). */
export function abilities(me: Me) {
  const viewer: Viewer = { userId: null, username: me.username, role: me.role, partner: me.partner };
  return {
    readLeads: may.readLeads(viewer),
    readCaseFiles: may.readCaseFiles(viewer),
    writeCaseFiles: may.writeCaseFiles(viewer),
    writeDrafts: may.writeDrafts(viewer),
    seeSources: may.seeSources(viewer),
    importFiles: may.importFiles(viewer),
    writeRegister: may.writeRegister(viewer),
    manageUsers: may.manageUsers(viewer),
    release: may.release(viewer),
    mintTokens: may.mintTokens(viewer),
    editReference: may.editReference(viewer),
    decideLeads: may.decideLeads(viewer),
    trace: may.trace(viewer),
    report: may.report(viewer),
  };
}
