import { describe, expect, it } from 'vitest';
import { allEndpoints } from '../../shared/api';
import { call, json, signUp } from './helpers';

describe('API conventions', () => {
  it('answers unknown paths with a JSON 404 and a request id', async () => {
    const res = await call('/api/v1/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await json(res)).toEqual({ error: 'Not found' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives every response its own request id, and keeps a sane one the client sent', async () => {
    const a = await call('/api/v2/instance');
    const b = await call('/api/v2/instance');
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    const traced = await call('/api/v2/instance', { headers: { 'x-request-id': 'trace-123' } });
    expect(traced.headers.get('x-request-id')).toBe('trace-123');
  });

  it('answers malformed JSON with 400 and an unknown content type with 415', async () => {
    const user = await signUp();
    const bad = await call('/api/v1/auth/login', { body: '{"login":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatch(/not valid JSON/);
    const array = await call('/api/v1/auth/login', { body: '[1,2]', headers: { 'content-type': 'application/json' } });
    expect(array.status).toBe(400);
    const xml = await call('/api/v1/accounts/update_credentials', { method: 'PATCH', token: user.token, body: '<a/>', headers: { 'content-type': 'application/xml' } });
    expect(xml.status).toBe(415);
  });

  it('refuses a request body over 1 MB with 413 before reading it', async () => {
    const res = await call('/api/v1/apps', { json: { client_name: 'x'.repeat(1024 * 1024 + 1), redirect_uris: 'urn:ietf:wg:oauth:2.0:oob' } });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('answers CORS preflights so browser clients of other origins work', async () => {
    const res = await call('/api/v1/accounts/verify_credentials', { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('issues time-sortable numeric string ids', async () => {
    const first = await signUp();
    await new Promise((r) => setTimeout(r, 5));
    const second = await signUp();
    expect(first.id).toMatch(/^\d{18}$/);
    expect(BigInt(second.id) > BigInt(first.id)).toBe(true);
    expect(second.id > first.id).toBe(true);
  });
});

describe('OpenAPI', () => {
  it('documents every endpoint contract, with schemas for bodies and responses', async () => {
    const doc = await json(await call('/api/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    for (const ep of allEndpoints) {
      const path = ep.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[ep.method], `${ep.method} ${path}`).toBeDefined();
    }
    const signUpOp = doc.paths['/api/v1/accounts'].post;
    expect(signUpOp.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SignUpBody' });
    expect(doc.components.schemas.SignUpBody.required).toEqual(expect.arrayContaining(['username', 'email', 'password', 'agreement', 'locale']));
    expect(signUpOp.security).toEqual([{ OAuth2: ['write:accounts'] }]);
    expect(doc.components.schemas.Account.properties.smile).toBeDefined();
    const update = doc.paths['/api/v1/accounts/update_credentials'].patch;
    expect(doc.components.schemas.UpdateCredentialsBody.properties.avatar).toMatchObject({ type: 'string', format: 'binary' });
    expect(Object.keys(update.requestBody.content)[0]).toBe('multipart/form-data');
    const getAccount = doc.paths['/api/v1/accounts/{id}'].get;
    expect(getAccount.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
  });

  it('serves an interactive reference page', async () => {
    const res = await call('/api/docs');
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('/swagger-ui/swagger-ui-bundle.js');
  });
});
