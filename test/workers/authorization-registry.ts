/**
 * The owner authorization matrix's registry: every contract of `allEndpoints`, keyed
 * `'<method> <path>'`, classified once. Adding a contract means adding one line to the part of
 * its domain, for example
 *
 *   'post /api/v1/admin/accounts/:id/suspend': roleOn('admin', fx.ownerAccount),
 *   'delete /api/v1/lists/:id': owned(fx.list, 404),
 *   'get /api/v1/admin/reports': { kind: 'role:moderator' },
 *
 * `owned(build, refused)` builds the object as its owner and expects the owner to succeed and
 * everyone else to get `refused` (404 hides what the caller may not see, 403 refuses an action
 * on what it may see); `roleOn` is a role-gated action on someone's object; `open` a read every
 * caller may make. Unowned contracts name their reason (`public`, `own-collection`, `create`,
 * `self`, `role:*`, `flow`). See docs/api.md, "Authorization matrix".
 */
import type { Entry } from './authorization-matrix';
import { accountRegistry } from './authorization-registry.account';
import { agentsRegistry, marketRegistry } from './authorization-registry.agents';
import { socialRegistry, statusesRegistry } from './authorization-registry.social';

export const registry: Record<string, Entry> = { ...statusesRegistry, ...socialRegistry, ...agentsRegistry, ...marketRegistry, ...accountRegistry };
