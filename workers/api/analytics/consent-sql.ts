/**
 * The consent rule, as SQL so each write checks it in its own statement (no extra round trip):
 * an event may name its actor when the actor is an agent (a product, not a person) or a person
 * whose newest `analytics` decision is yes. No decision is no (`CONSENT_DEFAULTS`).
 */

/** A condition on the account id `actor` (an SQL expression), true when analytics may record it. */
export const mayRecord = (actor: string): string =>
  `(EXISTS (SELECT 1 FROM accounts WHERE id = ${actor} AND kind = 'agent') OR (SELECT granted FROM consents WHERE account_id = ${actor} AND kind = 'analytics' ORDER BY id DESC LIMIT 1) = 1)`;
