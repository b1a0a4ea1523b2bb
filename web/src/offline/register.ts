import { API_CACHE, CACHED_API_PATHS } from './caches';

/**
 * Installs the service worker that keeps the application for offline use (a built application
 * only: the development server changes files as they are edited).
 */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').catch((error: unknown) => console.warn(error));
}

/** Forgets the API answers kept for offline use: the next account must not read this one's. */
export async function clearApiCache() {
  if ('caches' in window) await caches.delete(API_CACHE);
}

/**
 * Keeps, once signed in, the answers the documenting form needs offline that are not kept yet:
 * the worker keeps those the pages read, but the first pages are read before it controls them.
 */
export async function warmApiCache() {
  if (!import.meta.env.PROD || !('caches' in window)) return;
  const cache = await caches.open(API_CACHE);
  await Promise.all(
    CACHED_API_PATHS.map(async (path) => {
      if (!(await cache.match(path))) await cache.add(path).catch(() => undefined);
    }),
  );
}
