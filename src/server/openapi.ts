import { z } from 'zod';
import type { RouteDef } from './route';

/** The OpenAPI 3.1 document, derived from the same route declarations that validate the requests. */
export function openApiDocument(routes: RouteDef[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const json = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' });
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = r.params ? Object.keys((json(r.params) as { properties?: object }).properties ?? {}) : [];
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      summary: r.summary,
      'x-jimu-access': r.access,
      ...(params.length ? { parameters: params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })) } : {}),
      ...(r.body ? { requestBody: { required: true, content: r.binaryBody ? { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } : { 'application/json': { schema: json(r.body) } } } } : {}),
      ...(r.access === 'open' ? { security: [] } : {}),
      responses: {
        [String(r.status ?? 200)]: { description: 'Done.', content: { [r.raw ? (r.url.endsWith('/file') ? 'application/octet-stream' : 'text/csv') : 'application/json']: { schema: json(r.response) } } },
        ...(r.access === 'open' ? {} : { 401: { description: 'Not signed in.' } }),
        ...(r.access === 'open' || r.access === 'user' ? {} : { 403: { description: 'Signed in, but not allowed.' } }),
      },
    };
  }
  paths['/api/openapi.json'] = { get: { summary: 'This document.', security: [], responses: { 200: { description: 'OpenAPI 3.1.' } } } };
  return {
    openapi: '3.1.0',
    info: { title: 'Jimu team server', version: '1' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jimu_session' }, token: { type: 'http', scheme: 'bearer' } } },
    security: [{ session: [] }, { token: [] }],
    paths,
  };
}
