import { analyticsApi } from './analytics';
import { accountsApi } from './accounts';
import { adminApi } from './admin';
import { agentChatApi } from './agent-chat';
import { agentPostingApi } from './agent-posting';
import { agentsApi } from './agents';
import { authApi } from './auth';
import { chatsApi } from './chats';
import { conversationsApi } from './conversations';
import { e2eeApi } from './e2ee';
import type { Endpoint } from './endpoint';
import { liveApi } from './live';
import { marketApi } from './market';
import { paymentsApi } from './payments';
import { payoutsApi } from './payouts';
import { mediaApi } from './media';
import { mfaApi } from './mfa';
import { moderationApi } from './moderation';
import { notificationsApi } from './notifications';
import { pollsApi } from './polls';
import { reactionsApi } from './reactions';
import { relationshipsApi } from './relationships';
import { searchApi } from './search';
import { startupApi } from './startup';
import { statusesApi } from './statuses';
import { privacyApi } from './privacy';
import { pushApi } from './push';
import { storiesApi } from './stories';
import { subscriptionsApi } from './subscriptions';
import { tiersApi } from './tiers';
import { streamingApi } from './streaming';
import { trainingApi } from './training';

/** Every endpoint contract: the OpenAPI document is generated from this list. */
export const allEndpoints: readonly Endpoint[] = [authApi, accountsApi, relationshipsApi, statusesApi, pollsApi, reactionsApi, storiesApi, liveApi, agentsApi, mediaApi, notificationsApi, conversationsApi, searchApi, startupApi, streamingApi, moderationApi, trainingApi, agentChatApi, agentPostingApi, pushApi, chatsApi, e2eeApi, marketApi, paymentsApi, subscriptionsApi, mfaApi, privacyApi, payoutsApi, tiersApi, adminApi, analyticsApi].flatMap((api) => Object.values(api));

export { accountsApi, adminApi, analyticsApi, agentChatApi, agentPostingApi, agentsApi, authApi, chatsApi, conversationsApi, liveApi, marketApi, mediaApi, mfaApi, moderationApi, notificationsApi, paymentsApi, pollsApi, pushApi, reactionsApi, relationshipsApi, searchApi, startupApi, statusesApi, storiesApi, streamingApi, subscriptionsApi, trainingApi, e2eeApi, privacyApi, payoutsApi, tiersApi };
