import { viewerOf } from '../server/auth';
import type { RouteContext, TypedApp } from '../server/routing';
import { exportIncidents } from './exports.queries';
import { exportQuerySchema } from './exports.schema';

export async function exportRoutes(app: TypedApp, { store, secureCookies }: RouteContext) {
  app.get(
    '/incident-export',
    {
      schema: {
        tags: ['incidents'],
        description:
          'The whole selection of GET /incidents (same filters, no paging) as a file for other tools: GeoJSON (RFC 7946) or KML 2.2 with the incidents that have coordinates, CSV or XLSX with all of them. Only what the caller may see; every export is audited. Headers: X-Headstamp-Export (the audit key), X-Headstamp-Selected, X-Headstamp-Written.',
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      // The link back to each incident: the address the caller reached us at (https behind the
      // TLS proxy that secure cookies imply).
      const origin = `${secureCookies ? 'https' : request.protocol}://${request.host}`;
      const file = await exportIncidents(store.db, viewer, request.query, {
        actor: viewer.username,
        baseUrl: origin,
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('x-headstamp-export', file.exportId)
        .header('x-headstamp-selected', String(file.selected))
        .header('x-headstamp-written', String(file.written))
        .send(file.body);
    },
  );
}
