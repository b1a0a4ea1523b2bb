import { describe, expect, it } from 'vitest';
import { keptUnlessFailed } from '../src/common/kept';

describe('a promise kept for the session unless it fails', () => {
  it('asks once per key while the answers arrive, and again after a failure', async () => {
    const asked: string[] = [];
    let offline = true;
    const load = keptUnlessFailed(async (key: string) => {
      asked.push(key);
      if (offline) throw new Error('offline');
      return key.toUpperCase();
    });
    await expect(load('fine')).rejects.toThrow('offline');
    offline = false;
    const [a, b, c] = await Promise.all([load('fine'), load('fine'), load('coarse')]);
    expect([a, b, c]).toEqual(['FINE', 'FINE', 'COARSE']);
    expect(await load('fine')).toBe('FINE');
    expect(asked).toEqual(['fine', 'fine', 'coarse']);
  });
});
