/**
 * The service worker (built to `/sw.js` by web/vite.config.ts): keeps the application's files so
 * that a page opened once online opens again offline, and the few API answers the documenting
 * form reads. The build writes in `SHELL` the list of its files and in `VERSION` their hash: a
 * new build is a new worker, which fetches its files and drops the older build's.
 */
import { API_CACHE, CACHED_API_PATHS, SHELL_CACHE_PREFIX } from './caches';

declare const SHELL: string[];
declare const VERSION: string;

// The worker's own events, typed here: the project's DOM types are a page's, not a worker's.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}
const worker = self as unknown as WorkerScope;

const shellCache = `${SHELL_CACHE_PREFIX}${VERSION}`;
/** The page itself: `/` is index.html as the server sends it, with its security headers. */
const PAGE = '/';

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(shellCache)
      .then((cache) => cache.addAll(SHELL))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== shellCache)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

/** The network's answer, kept for later when `keep` says so; the kept one when the network fails. */
async function networkFirst(request: Request, cacheName: string, key: Request | string) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      await (await caches.open(cacheName)).put(key, copy);
    } else if (response.status === 401 && cacheName === API_CACHE) {
      // The session is gone: what was kept for it goes too.
      await caches.delete(API_CACHE);
    }
    return response;
  } catch (error) {
    const kept = await (await caches.open(cacheName)).match(key);
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request: Request) {
  const kept = await (await caches.open(shellCache)).match(request);
  return kept ?? fetch(request);
}

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  // Writes are never answered from a cache, nor kept: they go to the network or fail.
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/healthz') {
    if (url.search === '' && CACHED_API_PATHS.includes(url.pathname))
      event.respondWith(networkFirst(request, API_CACHE, request));
    return;
  }
  // Every address of the application is the one page: the network's when it answers (a new
  // build shows at once), the kept one offline.
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, shellCache, PAGE));
    return;
  }
  if (SHELL.includes(url.pathname)) event.respondWith(cacheFirst(request));
});
