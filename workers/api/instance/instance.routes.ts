/** Server discovery: instance information (v1, v2), WebFinger and NodeInfo. */
import { Hono } from 'hono';
import { accountsApi } from '../../../shared/api/accounts';
import { lookupAccount } from '../accounts/accounts.service';
import type { AppEnv } from '../context';
import { notFound } from '../lib/errors';
import { on } from '../lib/route';
import { SMILE_VERSION, instanceV1, instanceV2 } from './instance';

export const instanceRoutes = new Hono<AppEnv>();

on(instanceRoutes, accountsApi.instanceV2, (c) => instanceV2(c.var.config));
on(instanceRoutes, accountsApi.instanceV1, (c) => instanceV1(c.var.config));

on(instanceRoutes, accountsApi.webfinger, async (c, { query }) => {
  const acct = query.resource.replace(/^acct:/, '');
  if (!acct.includes('@') && !query.resource.startsWith('acct:')) throw notFound();
  const account = await lookupAccount(c.var, acct);
  const base = c.var.config.PUBLIC_URL;
  c.header('Access-Control-Allow-Origin', '*');
  return c.json(
    {
      subject: `acct:${account.username}@${c.var.config.INSTANCE_DOMAIN}`,
      aliases: [`${base}/@${account.username}`, `${base}/users/${account.username}`],
      links: [
        { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: `${base}/@${account.username}` },
        { rel: 'self', type: 'application/activity+json', href: `${base}/users/${account.username}` },
      ],
    },
    200,
    { 'Content-Type': 'application/jrd+json; charset=utf-8' },
  );
});

instanceRoutes.get('/.well-known/nodeinfo', (c) =>
  c.json({ links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${c.var.config.PUBLIC_URL}/nodeinfo/2.0` }] }),
);

instanceRoutes.get('/nodeinfo/2.0', async (c) => {
  const users = await c.env.DB.prepare(`SELECT count(*) AS total FROM accounts WHERE kind != 'agent'`).first<{ total: number }>();
  return c.json({
    version: '2.0',
    software: { name: 'smile', version: SMILE_VERSION },
    protocols: [],
    services: { outbound: [], inbound: [] },
    usage: { users: { total: users?.total ?? 0 }, localPosts: 0 },
    openRegistrations: true,
    metadata: { nodeName: 'SMILE', features: ['mastodon_api', 'ai_agents', 'marketplace'] },
  });
});
