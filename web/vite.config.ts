/**
 * Builds the web client from web/ into web/dist, which the Worker serves as static assets.
 * Swagger UI's two files are copied to dist/swagger-ui/ so /api/docs works offline; `_headers`
 * carries the security headers of shared/security-headers.ts to the static assets.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { staticAssetHeadersFile } from '../shared/security-headers';

const root = dirname(fileURLToPath(import.meta.url));
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const SWAGGER_FILES: Record<string, string> = { 'swagger-ui.css': 'text/css', 'swagger-ui-bundle.js': 'text/javascript' };

/** Emits Swagger UI's stylesheet and bundle at /swagger-ui/ in the build, and serves them in dev. */
function swaggerUiAssets(): Plugin {
  return {
    name: 'smile-swagger-ui-assets',
    generateBundle() {
      for (const file of Object.keys(SWAGGER_FILES)) {
        this.emitFile({ type: 'asset', fileName: `swagger-ui/${file}`, source: readFileSync(join(swaggerDir, file)) });
      }
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const file = req.url?.startsWith('/swagger-ui/') ? req.url.slice('/swagger-ui/'.length).split('?')[0] : undefined;
        const type = file ? SWAGGER_FILES[file] : undefined;
        if (!file || !type) return next();
        res.setHeader('content-type', type);
        res.end(readFileSync(join(swaggerDir, file)));
      });
    },
  };
}

/** Writes `_headers`: Workers Static Assets sets these on the files it serves without the Worker (index.html first). */
function staticAssetHeaders(): Plugin {
  return {
    name: 'smile-static-asset-headers',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: staticAssetHeadersFile() });
    },
  };
}

const api = 'http://127.0.0.1:8787';

export default defineConfig({
  root,
  plugins: [react(), swaggerUiAssets(), staticAssetHeaders()],
  build: { outDir: join(root, 'dist'), emptyOutDir: true },
  server: {
    // `ws` lets the streaming WebSocket (/api/v1/streaming) through as well.
    proxy: Object.fromEntries(['/api', '/oauth/token', '/oauth/revoke', '/.well-known', '/media', '/nodeinfo'].map((p) => [p, { target: api, changeOrigin: false, ws: p === '/api' }])),
  },
});
