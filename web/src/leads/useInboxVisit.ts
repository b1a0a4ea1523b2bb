import { useEffect, useState } from 'react';
import { api } from '../api/client';

const STORAGE = 'headstamp.inbox-visit';

/** The visit being recorded, by user: two renders at once must not record two visits. */
const recording = new Map<string, Promise<string | null>>();

interface Stored {
  username: string;
  previous: string | null;
}

/** The visit this tab recorded, if any: read once, shared by every render of the inbox. */
function stored(username: string): Stored | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE) ?? 'null') as Stored | null;
    return value?.username === username ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The reader's previous visit of the inbox (null: none before; undefined: not known yet).
 *
 * A visit is recorded once per browser tab, not at every filter or page of the inbox: changing a
 * filter re-renders the page, and recording a visit each time would make nothing new a moment
 * later. The answer is kept in the tab's session storage, so a reload keeps what is new too.
 */
export function useInboxVisit(username: string, allowed: boolean): string | null | undefined {
  const [previous, setPrevious] = useState<string | null | undefined>(() => stored(username)?.previous);
  useEffect(() => {
    if (!allowed || stored(username)) return;
    let live = true;
    let visit = recording.get(username);
    if (!visit) {
      visit = api.visitLeads().then(
        ({ previous }) => {
          sessionStorage.setItem(STORAGE, JSON.stringify({ username, previous }));
          return previous;
        },
        // Without a visit, nothing is marked new: the inbox works as before.
        () => null,
      );
      recording.set(username, visit);
    }
    void visit.then((answer) => live && setPrevious(answer));
    return () => {
      live = false;
    };
  }, [username, allowed]);
  return previous;
}
