/**
 * The OpenAPI 3.1 document, generated from the endpoint contracts in `shared/api` and their zod
 * schemas, so the reference can never drift from what the server validates.
 */
import { z } from 'zod';
import type { Endpoint } from '../../../shared/api/endpoint';
import { allEndpoints } from '../../../shared/api';
import { ErrorBody } from '../../../shared/schemas/common';
import { ALL_SCOPES } from '../../../shared/scopes';

type JsonSchema = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: 'Malformed request',
  401: 'Missing, invalid, expired or revoked token',
  403: 'Outside the token scopes, or not allowed for this account',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Request body too large',
  415: 'Unsupported content type',
  422: 'Validation failed (field errors in `details`)',
  429: 'Rate limited (see `Retry-After`)',
};

function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
    reused: 'inline',
    override: (ctx) => {
      // Uploaded files (z.instanceof(File)) are binary form parts.
      if ((ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type === 'custom') Object.assign(ctx.jsonSchema, { type: 'string', format: 'binary' });
    },
  }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const { $defs, $schema: _ignored, ...rest } = json;
  const rewrite = (value: unknown): unknown =>
    typeof value === 'string' && value.startsWith('#/$defs/')
      ? value.replace('#/$defs/', '#/components/schemas/')
      : Array.isArray(value)
        ? value.map(rewrite)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]))
          : value;
  for (const [id, def] of Object.entries($defs ?? {})) components[id] ??= rewrite(def) as JsonSchema;
  const id = z.globalRegistry.get(schema)?.id;
  if (id) {
    components[id] ??= rewrite(rest) as JsonSchema;
    return { $ref: `#/components/schemas/${id}` };
  }
  return rewrite(rest) as JsonSchema;
}

function parameters(ep: Endpoint, components: Record<string, JsonSchema>) {
  const params: JsonSchema[] = [];
  for (const [where, schema] of [['path', ep.params], ['query', ep.query]] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input', components) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      params.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: prop });
    }
  }
  return params;
}

function operation(ep: Endpoint, components: Record<string, JsonSchema>) {
  const bodySchema = ep.body ?? ep.streamedBody;
  const errors = [400, ...(ep.auth === 'public' ? [] : [401, 403]), ...(ep.params ? [404] : []), ...(bodySchema ? [413, 415, 422] : []), ...(ep.query ? [422] : [])];
  const body = bodySchema && toSchema(bodySchema, 'input', components);
  const needsMultipart = ep.maxBodyBytes !== undefined;
  return {
    summary: ep.summary,
    tags: [...ep.tags],
    operationId: `${ep.method}${ep.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
    ...(ep.auth === 'public' && !ep.scope ? {} : { security: [{ OAuth2: ep.scope ? [ep.scope] : [] }, ...(ep.auth === 'public' ? [{}] : [])] }),
    parameters: parameters(ep, components),
    ...(body && {
      requestBody: {
        required: true,
        content: Object.fromEntries(
          (needsMultipart ? ['multipart/form-data', 'application/json', 'application/x-www-form-urlencoded'] : ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']).map((t) => [t, { schema: body }]),
        ),
      },
    }),
    responses: {
      [String(ep.status ?? 200)]: { description: 'Success', ...(ep.response && { content: { [ep.produces ?? 'application/json']: { schema: toSchema(ep.response, 'output', components) } } }) },
      ...Object.fromEntries([...new Set(errors)].map((s) => [String(s), { $ref: `#/components/responses/E${s}` }])),
    },
    ...(ep.role && { description: `Requires the ${ep.role} role.` }),
  };
}

export function openApiDocument(baseUrl: string, endpoints: readonly Endpoint[] = allEndpoints) {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const ep of endpoints) {
    const path = ep.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
    (paths[path] ??= {})[ep.method] = operation(ep, components);
  }
  toSchema(ErrorBody, 'output', components);
  return {
    openapi: '3.1.0',
    info: {
      title: 'SMILE API',
      version: '0.1.0',
      description:
        'The SMILE API: the Mastodon client API (so Mastodon apps and libraries work unchanged) plus SMILE extensions. Errors are `{ "error": "...", "details"?: {...} }`; OAuth endpoints answer with RFC 6749 error codes. IDs are time-sortable numeric strings.',
    },
    servers: [{ url: baseUrl }],
    paths,
    components: {
      schemas: components,
      responses: Object.fromEntries(Object.entries(STATUS_TEXT).map(([s, d]) => [`E${s}`, { description: d, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }])),
      securitySchemes: {
        OAuth2: {
          type: 'oauth2',
          flows: {
            authorizationCode: { authorizationUrl: `${baseUrl}/oauth/authorize`, tokenUrl: `${baseUrl}/oauth/token`, refreshUrl: `${baseUrl}/oauth/token`, scopes: Object.fromEntries(ALL_SCOPES.map((s) => [s, s])) },
            clientCredentials: { tokenUrl: `${baseUrl}/oauth/token`, scopes: Object.fromEntries(ALL_SCOPES.map((s) => [s, s])) },
          },
        },
      },
    },
  };
}
