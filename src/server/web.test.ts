import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../test/server';

describe('serving the web application', () => {
  let dist: string;
  let server: TestServer;
  let origin: string;
  const script = 'console.log("headstamp");'.repeat(100);

  beforeAll(async () => {
    // A stand-in build: the real one is tested in a browser (web/tests).
    dist = await mkdtemp(join(tmpdir(), 'headstamp-web-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>Headstamp</title>');
    await writeFile(join(dist, 'assets', 'index-abc123.js'), script);
    await writeFile(join(dist, 'assets', 'index-abc123.js.gz'), gzipSync(script));
    await writeFile(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    server = await startServer({ webDir: dist });
    origin = server.url.replace(/\/api\/v1$/, '');
  });
  afterAll(async () => {
    await server.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('serves the page at / and at every application address, never cached stale', async () => {
    for (const path of [
      '/',
      '/incidents',
      `/incidents/${encodeURIComponent('210821 Complex attack, Kidal')}`,
    ]) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await response.text()).toContain('<title>Headstamp</title>');
    }
  });

  it('lets browsers keep hashed assets for a year, compressed when they accept it', async () => {
    const response = await fetch(`${origin}/assets/index-abc123.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe(script);
  });

  it('serves the service worker at the root, checked for a new build at every visit', async () => {
    const response = await fetch(`${origin}/sw.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('javascript');
    // Not kept by the browser's HTTP cache: a new build's worker replaces the old at once.
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('addEventListener');
  });

  it('answers a missing asset and an unknown API path with 404, not with the page', async () => {
    const asset = await fetch(`${origin}/assets/missing-000.js`);
    expect(asset.status).toBe(404);
    const api = await fetch(`${origin}/api/v1/no-such-thing`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'Not Found' });
    const write = await fetch(`${origin}/incidents`, { method: 'POST' });
    expect(write.status).toBe(404);
  });

  it('keeps the API working beside it', async () => {
    expect((await server.anonymous().get('/auth/me')).status).toBe(401);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });
});
