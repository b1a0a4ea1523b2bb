import { useSyncExternalStore } from 'react';
import { createStore, del, entries, get, set } from 'idb-keyval';
import { api } from '../api/client';
import { sendEntry, type OutboxEntry, type SendOutcome } from './outbox';

/**
 * The browser's own store (IndexedDB, which keeps Blobs): the outbox's entries under
 * `outbox <user> <id>`, each account's unfinished form under `draft <user>`.
 */
const store = createStore('headstamp-offline', 'records');

const outboxKey = (user: string, id: string) => `outbox ${user} ${id}`;

export const draftStore = {
  load: <T>(user: string) => get<T>(`draft ${user}`, store),
  save: (user: string, draft: unknown) => set(`draft ${user}`, draft, store),
  clear: (user: string) => del(`draft ${user}`, store),
};

/** An incident sent from the outbox in this session: what the page links to. */
export interface SentRecord {
  id: string;
  ref: string;
}

export interface OutboxState {
  user: string | null;
  /** Waiting or refused, oldest first. */
  entries: OutboxEntry[];
  sending: boolean;
  sent: SentRecord[];
}

let state: OutboxState = { user: null, entries: [], sending: false, sent: [] };
const listeners = new Set<() => void>();

function update(patch: Partial<OutboxState>) {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useOutbox(): OutboxState {
  return useSyncExternalStore(subscribe, () => state);
}

async function load(user: string): Promise<OutboxEntry[]> {
  const prefix = outboxKey(user, '');
  return (await entries<string, OutboxEntry>(store))
    .filter(([key]) => key.startsWith(prefix))
    .map(([, entry]) => entry)
    .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

async function keep(entry: OutboxEntry) {
  await set(outboxKey(entry.user, entry.id), entry, store);
  if (state.user === entry.user)
    update({ entries: state.entries.map((e) => (e.id === entry.id ? entry : e)) });
}

/** Puts an entry in the outbox (or replaces the one of the same id), to be sent when the server is reached. */
export async function queue(entry: OutboxEntry): Promise<void> {
  await set(outboxKey(entry.user, entry.id), entry, store);
  if (state.user !== entry.user) return;
  const others = state.entries.filter((e) => e.id !== entry.id);
  update({ entries: [...others, entry].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt)) });
}

export async function discard(entry: Pick<OutboxEntry, 'id' | 'user'>): Promise<void> {
  await del(outboxKey(entry.user, entry.id), store);
  update({ entries: state.entries.filter((e) => e.id !== entry.id) });
}

/**
 * Sends every waiting entry (not those refused: they wait for a correction), one at a time.
 * When the browser knows it is offline, only if the user asks (`evenOffline`): otherwise the
 * `online` event will say when to try.
 */
export async function sendWaiting(options: { evenOffline?: boolean } = {}): Promise<void> {
  const user = state.user;
  if (!user || state.sending || (!navigator.onLine && !options.evenOffline)) return;
  update({ sending: true });
  try {
    for (const entry of state.entries.filter((e) => !e.refusal)) {
      if (state.user !== user) return;
      const outcome: SendOutcome = await sendEntry(entry, api, keep);
      if (outcome.kind === 'waiting') break;
      if (outcome.kind === 'saved') {
        await discard(entry);
        update({ sent: [...state.sent, { id: entry.id, ref: entry.record.ref ?? '' }] });
      }
    }
  } finally {
    update({ sending: false });
  }
}

const online = () => void sendWaiting();
const RETRY_MS = 60_000;

/**
 * Reads the account's outbox and sends what waits: now (the application starts) and whenever
 * the browser is back online. Answers how to stop (sign-out).
 */
export function startOutbox(user: string): () => void {
  update({ user, entries: [], sent: [] });
  void load(user).then((found) => {
    if (state.user !== user) return;
    update({ entries: found });
    return sendWaiting();
  });
  window.addEventListener('online', online);
  // The network may be up while the server is not: try again now and then.
  const retry = setInterval(online, RETRY_MS);
  return () => {
    clearInterval(retry);
    window.removeEventListener('online', online);
    update({ user: null, entries: [], sent: [] });
  };
}
