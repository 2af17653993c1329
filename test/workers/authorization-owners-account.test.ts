/** The owner authorization matrix (issue 7 §5), account part (sign-in, moderation, chats, E2EE, privacy, payouts): see authorization-registry.ts. */
import { accountRegistry } from './authorization-registry.account';
import { matrixSuite } from './authorization-suite';

matrixSuite('accounts, moderation, chats and privacy', accountRegistry);
