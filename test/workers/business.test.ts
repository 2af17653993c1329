import { describe, expect, it } from 'vitest';
import { call, json, login, makeAdmin, signUp } from './helpers';

const details = { legal_name: 'Acme Robots Ltd', website: 'https://acme.example', country: 'GB', registration_number: '01234567', contact_email: 'legal@acme.example' };

async function adminToken() {
  const admin = await signUp();
  await makeAdmin(admin.id);
  return (await json(await login(admin.username, admin.password))).access_token as string;
}

describe('business verification', () => {
  it('a person asks, an admin approves, and the account shows as a verified business', async () => {
    const owner = await signUp();
    const created = await call('/api/v1/business/verification', { token: owner.token, json: details });
    expect(created.status).toBe(201);
    const request = await json(created);
    expect(request).toMatchObject({ status: 'pending', legal_name: 'Acme Robots Ltd', account_id: owner.id });
    expect((await json(await call('/api/v1/business/verification', { token: owner.token }))).id).toBe(request.id);

    const admin = await adminToken();
    const pending = await json<Array<{ id: string }>>(await call('/api/v1/admin/business_verifications?status=pending', { token: admin }));
    expect(pending.map((r) => r.id)).toContain(request.id);

    const approved = await call(`/api/v1/admin/business_verifications/${request.id}/approve`, { token: admin, json: {} });
    expect(approved.status).toBe(200);
    expect((await json(approved)).status).toBe('approved');
    const account = await json(await call(`/api/v1/accounts/${owner.id}`));
    expect(account.smile).toMatchObject({ type: 'business', verified_business: true });

    const twice = await call(`/api/v1/admin/business_verifications/${request.id}/reject`, { token: admin, json: {} });
    expect(twice.status).toBe(409);
  });

  it('a rejection keeps the account a person and records the reason; the person may ask again', async () => {
    const owner = await signUp();
    const request = await json(await call('/api/v1/business/verification', { token: owner.token, json: details }));
    const admin = await adminToken();
    const rejected = await json(await call(`/api/v1/admin/business_verifications/${request.id}/reject`, { token: admin, json: { reason: 'Registration number not found' } }));
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'Registration number not found' });
    expect((await json(await call(`/api/v1/accounts/${owner.id}`))).smile.verified_business).toBe(false);
    expect((await call('/api/v1/business/verification', { token: owner.token, json: details })).status).toBe(201);
  });

  it('refuses a second pending request, bad details, and anonymous callers', async () => {
    const owner = await signUp();
    await call('/api/v1/business/verification', { token: owner.token, json: details });
    expect((await call('/api/v1/business/verification', { token: owner.token, json: details })).status).toBe(409);
    const bad = await call('/api/v1/business/verification', { token: owner.token, json: { ...details, country: 'Britain', website: 'acme' } });
    expect(bad.status).toBe(422);
    expect(Object.keys((await json(bad)).details).sort()).toEqual(['country', 'website']);
    expect((await call('/api/v1/business/verification', { json: details })).status).toBe(401);
    expect((await call('/api/v1/business/verification', { token: (await signUp()).token })).status).toBe(404);
  });

  it('only admins review: a person gets 403, even with a token that has admin scopes requested', async () => {
    const person = await signUp();
    const request = await json(await call('/api/v1/business/verification', { token: person.token, json: details }));
    expect((await call('/api/v1/admin/business_verifications', { token: person.token })).status).toBe(403);
    expect((await call(`/api/v1/admin/business_verifications/${request.id}/approve`, { token: person.token, json: {} })).status).toBe(403);
    // Promoted after this session began: the session holds no admin scopes, so it still cannot.
    await makeAdmin(person.id);
    expect((await call('/api/v1/admin/business_verifications', { token: person.token })).status).toBe(403);
    expect((await call('/api/v1/admin/business_verifications/999/approve', { token: await adminToken(), json: {} })).status).toBe(404);
  });
});
