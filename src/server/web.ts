import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Hashed build output (`web/dist/assets/…`): the name changes with the content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The page's policy: everything from this server, the map's workers from blob URLs (MapLibre
 * makes its worker so), photos as blobs; nothing from anywhere else, which also keeps the
 * application honest about working offline.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "style-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const API_PREFIXES = ['/api/', '/healthz'];

function isApi(url: string): boolean {
  return url === '/api' || API_PREFIXES.some((prefix) => url.startsWith(prefix));
}

function sendPage(reply: FastifyReply) {
  return reply
    .header('cache-control', 'no-cache')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .sendFile('index.html');
}

/**
 * Serves the web application built into `distDir` (`npm run build:web`) at `/`: hashed assets
 * cached for a year (pre-compressed `.br`/`.gz` files are sent to browsers that accept them),
 * and `index.html` for every other path that is not the API, so that a page's address can be
 * reloaded or bookmarked (the application routes in the browser).
 */
export async function registerWeb(app: FastifyInstance, distDir: string): Promise<void> {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.log.warn({ distDir }, 'web application not built: run `npm run build:web`');
    app.get('/', async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web application is not built: run `npm run build:web`, then restart the server.'),
    );
    return;
  }
  const assetsDir = join(distDir, 'assets');
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, path) {
      reply.header('cache-control', path.startsWith(assetsDir) ? IMMUTABLE : 'no-cache');
      reply.header('x-content-type-options', 'nosniff');
    },
  });
  app.get('/', (_request, reply) => sendPage(reply));
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') && !isApi(path) && !path.startsWith('/assets/');
    if (wantsPage) return sendPage(reply);
    // Fastify's own answer for an unknown route, kept for the API and for missing assets.
    return reply
      .code(404)
      .send({ message: `Route ${request.method}:${path} not found`, error: 'Not Found', statusCode: 404 });
  });
}
