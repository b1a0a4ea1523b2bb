import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client';
import { isNetworkFailure, sendEntry, type OutboxEntry, type Sender } from '../src/offline/outbox';

const entry = (): OutboxEntry => ({
  id: 'e1',
  user: 'field-team',
  queuedAt: '2026-12-02T10:00:00.000Z',
  record: { ref: 'OFFLINE-1', date: '2024-03-14', type: 'ied_find', country: 'ML' },
  items: [{ ref: 'OFFLINE-1-1', category: 'ammunition', quantity: '1' }],
  photos: [
    { file: new File(['a'], 'site.png'), caption: '', item: null, attached: false },
    { file: new File(['b'], 'base.png'), caption: 'Base', item: 0, attached: false },
  ],
  created: false,
});

const unreachable = () => Promise.reject(new TypeError('Failed to fetch'));

/** A server that records what it is sent, and fails as told. */
function server(
  fail: { create?: () => Promise<never>; attach?: (name: string) => Promise<never> | undefined } = {},
) {
  const calls: string[] = [];
  const sender: Sender = {
    async createIncident(record) {
      calls.push(`incident ${record.ref}`);
      if (fail.create) return fail.create();
    },
    async attach(kind, ref, file) {
      calls.push(`${kind} ${ref} ${file.name}`);
      return fail.attach?.(file.name);
    },
  };
  return { calls, sender };
}

describe('the outbox of incidents documented offline', () => {
  it('tells a server not reached from a server that refused', () => {
    expect(isNetworkFailure(new TypeError('Failed to fetch'))).toBe(true);
    expect(isNetworkFailure(new ApiError(504, undefined))).toBe(true);
    expect(isNetworkFailure(new ApiError(502, { error: 'Bad Gateway' }))).toBe(true);
    expect(isNetworkFailure(new ApiError(400, { error: 'Validation failed' }))).toBe(false);
    expect(isNetworkFailure(new ApiError(409, { error: 'taken', code: 'reference_taken' }))).toBe(false);
    expect(isNetworkFailure(new ApiError(401, { error: 'Not signed in' }))).toBe(false);
    expect(isNetworkFailure(new DOMException('aborted', 'AbortError'))).toBe(false);
    expect(isNetworkFailure('not an error')).toBe(false);
  });

  it('sends the incident with its items, then each photo to the incident or to the item it shows', async () => {
    const { calls, sender } = server();
    const kept: OutboxEntry[] = [];
    expect(await sendEntry(entry(), sender, async (e) => void kept.push(e))).toEqual({ kind: 'saved' });
    expect(calls).toEqual(['incident OFFLINE-1', 'incident OFFLINE-1 site.png', 'item OFFLINE-1-1 base.png']);
    expect(kept.at(-1)?.photos.map((p) => p.attached)).toEqual([true, true]);
  });

  it('keeps for later, unchanged, an entry sent after the session ended', async () => {
    const { sender } = server({
      create: () => Promise.reject(new ApiError(401, { error: 'Not signed in' })),
    });
    const kept: OutboxEntry[] = [];
    expect(await sendEntry(entry(), sender, async (e) => void kept.push(e))).toEqual({ kind: 'waiting' });
    expect(kept).toEqual([]);
  });

  it('keeps an entry whose incident could not be sent, unchanged, to try again', async () => {
    const { calls, sender } = server({ create: unreachable });
    const kept: OutboxEntry[] = [];
    expect(await sendEntry(entry(), sender, async (e) => void kept.push(e))).toEqual({ kind: 'waiting' });
    expect(calls).toEqual(['incident OFFLINE-1']);
    expect(kept).toEqual([]);
  });

  it('never sends the incident again when a photo failed after it was saved', async () => {
    const first = server({ attach: (name) => (name === 'base.png' ? unreachable() : undefined) });
    let stored = entry();
    const keep = async (e: OutboxEntry) => void (stored = e);
    expect(await sendEntry(stored, first.sender, keep)).toEqual({ kind: 'waiting' });
    expect(stored.created).toBe(true);
    expect(stored.photos.map((p) => p.attached)).toEqual([true, false]);

    const retry = server();
    expect(await sendEntry(stored, retry.sender, keep)).toEqual({ kind: 'saved' });
    expect(retry.calls).toEqual(['item OFFLINE-1-1 base.png']);
  });

  it('keeps a refused incident with the server’s reason, and a refused photo with its own', async () => {
    const body = { error: 'taken', code: 'reference_taken', params: { ref: 'OFFLINE-1' } };
    const refused = server({ create: () => Promise.reject(new ApiError(409, body)) });
    let stored = entry();
    const keep = async (e: OutboxEntry) => void (stored = e);
    expect(await sendEntry(stored, refused.sender, keep)).toEqual({
      kind: 'refused',
      refusal: { status: 409, body },
    });
    expect(stored).toMatchObject({ created: false, refusal: { status: 409, body } });

    const tooLarge = { error: 'too large', code: 'file_too_large', params: { limit: 1 } };
    const photo = server({
      attach: (name) => (name === 'site.png' ? Promise.reject(new ApiError(413, tooLarge)) : undefined),
    });
    stored = entry();
    const outcome = await sendEntry(stored, photo.sender, keep);
    expect(outcome).toMatchObject({ kind: 'refused', refusal: { body: { code: 'file_too_large' } } });
    // The other photo is attached all the same; the refused one waits to be replaced or removed.
    expect(photo.calls).toEqual([
      'incident OFFLINE-1',
      'incident OFFLINE-1 site.png',
      'item OFFLINE-1-1 base.png',
    ]);
    expect(stored.photos.map((p) => [p.attached, p.problem?.code])).toEqual([
      [false, 'file_too_large'],
      [true, undefined],
    ]);
    // Sent again as it is, nothing is written twice and the refusal stands.
    const again = server();
    expect((await sendEntry(stored, again.sender, keep)).kind).toBe('refused');
    expect(again.calls).toEqual([]);
  });
});
