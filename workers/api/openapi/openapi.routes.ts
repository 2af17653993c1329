import { Hono } from 'hono';
import { API_DOCS_CSP } from '../../../shared/security-headers';
import type { AppEnv } from '../context';
import { pageHeaders } from '../lib/security-headers';
import { openApiDocument } from './document';

export const openapiRoutes = new Hono<AppEnv>();

let cached: { base: string; doc: ReturnType<typeof openApiDocument> } | null = null;

openapiRoutes.get('/api/openapi.json', (c) => {
  const base = c.var.config.PUBLIC_URL;
  if (cached?.base !== base) cached = { base, doc: openApiDocument(base) };
  return c.json(cached.doc);
});

/** The interactive reference: Swagger UI, served from the web client's assets (works offline). */
openapiRoutes.get('/api/docs', (c) =>
  c.html(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>SMILE API reference</title>
<link rel="stylesheet" href="/swagger-ui/swagger-ui.css" />
</head>
<body>
<div id="swagger-ui"></div>
<script src="/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/swagger-ui/docs-init.js"></script>
</body>
</html>`, 200, pageHeaders(API_DOCS_CSP)),
);
