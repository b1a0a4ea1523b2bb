import { ApiError } from '../api/client';
import type { ApiErrorBody, ProblemFields } from '../api/types';

/** A photo waiting with its incident: the file itself, and what it shows. */
export interface OutboxPhoto {
  file: File;
  caption: string;
  /** The index (in `items`) of the item it shows; null: the incident. */
  item: number | null;
  attached: boolean;
  /** Why the server refused it. */
  problem?: ProblemFields & { message?: string };
}

/** The server's refusal, kept as it came so that it is worded in the reader's language when read. */
export interface StoredRefusal {
  status: number;
  body?: ApiErrorBody;
}

/** An incident documented while the server could not be reached, kept in the browser until sent. */
export interface OutboxEntry {
  id: string;
  /** The account that documented it: only that account's session sends it or shows it. */
  user: string;
  /** When it was put in the outbox (ISO). */
  queuedAt: string;
  /** The incident's columns as the form sends them (`POST /incidents`), its items' beside them. */
  record: Record<string, string>;
  items: Record<string, string>[];
  photos: OutboxPhoto[];
  /**
   * The incident and its items are written: only photos remain, and a retry never sends the
   * incident again (it would be refused as a reference taken, or worse, written twice).
   */
  created: boolean;
  /** The server's last refusal: the entry waits for the user to correct it or discard it. */
  refusal?: StoredRefusal;
}

/** What became of an attempt to send. */
export type SendOutcome =
  { kind: 'saved' } | { kind: 'waiting' } | { kind: 'refused'; refusal: StoredRefusal };

/**
 * Whether a failure means the server was not reached (keep the work and send it later) rather
 * than that it refused (say why). A fetch that fails throws a TypeError; a gateway in front of
 * the server answers 502, 503 or 504 when the server behind it is out of reach.
 */
export function isNetworkFailure(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 502 || error.status === 503 || error.status === 504;
  if (error instanceof DOMException && error.name === 'AbortError') return false;
  return error instanceof Error;
}

/**
 * Whether an attempt to send from the outbox is to be made again later rather than corrected:
 * the server was not reached, the session ended meanwhile (sent again once signed in), or the
 * server asked to slow down.
 */
export function isLater(error: unknown): boolean {
  return (
    isNetworkFailure(error) || (error instanceof ApiError && (error.status === 401 || error.status === 429))
  );
}

export const storedRefusal = (error: unknown): StoredRefusal =>
  error instanceof ApiError
    ? { status: error.status, body: error.body }
    : { status: 0, body: { error: error instanceof Error ? error.message : String(error) } };

/** The refusal as the form reads a refusal. */
export const refusalError = (refusal: StoredRefusal) => new ApiError(refusal.status, refusal.body);

/** What sends: the API client, or a stand-in in the tests. */
export interface Sender {
  createIncident(record: Record<string, string>, items: Record<string, string>[]): Promise<unknown>;
  attach(kind: 'incident' | 'item', ref: string, file: File, caption: string): Promise<unknown>;
}

export type PhotoOutcome =
  { attached: true } | { unreached: true } | { problem: ProblemFields & { message: string } };

/**
 * Attaches one photo to a saved incident or item: attached, not sent (to try again later: the
 * server was not reached, or the session ended), or refused with the server's reason (`fallback` when it gave none).
 */
export async function attachPhoto(
  sender: Sender,
  target: { kind: 'incident' | 'item'; ref: string },
  photo: { file: File; caption: string },
  fallback: string,
): Promise<PhotoOutcome> {
  try {
    await sender.attach(target.kind, target.ref, photo.file, photo.caption);
    return { attached: true };
  } catch (error) {
    if (isLater(error)) return { unreached: true };
    return {
      problem:
        error instanceof ApiError && error.body
          ? { ...error.body, message: error.body.error }
          : { message: fallback },
    };
  }
}

/** Where a photo goes: the incident, or the item it shows. */
export function photoTarget(entry: OutboxEntry, photo: OutboxPhoto) {
  const item = photo.item === null ? undefined : entry.items[photo.item];
  return item
    ? { kind: 'item' as const, ref: item.ref ?? '' }
    : { kind: 'incident' as const, ref: entry.record.ref ?? '' };
}

/**
 * Sends an entry: the incident with its items in one request (unless written before), then each
 * photo not yet attached. `keep` records each step as soon as it is done, so that an attempt cut
 * short resumes where it stopped and never writes the incident twice.
 */
export async function sendEntry(
  entry: OutboxEntry,
  sender: Sender,
  keep: (entry: OutboxEntry) => Promise<void>,
): Promise<SendOutcome> {
  let current: OutboxEntry = { ...entry, refusal: undefined };
  if (!current.created) {
    try {
      await sender.createIncident(current.record, current.items);
    } catch (error) {
      if (isLater(error)) return { kind: 'waiting' };
      const refusal = storedRefusal(error);
      await keep({ ...current, refusal });
      return { kind: 'refused', refusal };
    }
    current = { ...current, created: true };
    await keep(current);
  }
  for (const [i, photo] of current.photos.entries()) {
    if (photo.attached || photo.problem) continue;
    const outcome = await attachPhoto(sender, photoTarget(current, photo), photo, photo.file.name);
    if ('unreached' in outcome) return { kind: 'waiting' };
    const photos = [...current.photos];
    photos[i] = 'problem' in outcome ? { ...photo, problem: outcome.problem } : { ...photo, attached: true };
    current = { ...current, photos };
    await keep(current);
  }
  // A refused photo stays refused until the user replaces or removes it in the form.
  const problem = current.photos.find((p) => !p.attached)?.problem;
  if (problem) {
    const refusal: StoredRefusal = { status: 400, body: { ...problem, error: problem.message ?? '' } };
    await keep({ ...current, refusal });
    return { kind: 'refused', refusal };
  }
  return { kind: 'saved' };
}
