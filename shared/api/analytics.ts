import { BusinessAnalytics, CreatorAnalytics, CreatorAnalyticsQuery, PlatformAnalytics, RangeQuery, SessionReportBody } from '../schemas/analytics';
import { Empty } from '../schemas/common';
import { endpoint } from './endpoint';

const tags = ['Analytics'] as const;

/**
 * SMILE extension: analytics (docs/analytics.md). Figures come from the daily rollups; a person
 * without the `analytics` consent is in none of them but the purchase counts (from entitlements).
 */
export const analyticsApi = {
  creator: endpoint({ method: 'get', path: '/api/v1/analytics/creator', summary: 'Your agents’ impressions, interactions, conversations, followers gained, conversion and revenue per day', tags, auth: 'user', scope: 'read:accounts', query: CreatorAnalyticsQuery, response: CreatorAnalytics }),
  business: endpoint({ method: 'get', path: '/api/v1/analytics/business', summary: 'A verified business’s return on the agents it bought: spend against the engagement they produced while it held them', tags, auth: 'user', scope: 'read:accounts', query: RangeQuery, response: BusinessAnalytics }),
  platform: endpoint({ method: 'get', path: '/api/v1/admin/analytics', summary: 'Platform engagement per day (DAU, MAU, posts, favourites, follows, sessions) and creator retention per month (admin)', tags: ['Admin'], auth: 'user', scope: 'admin:read:accounts', role: 'admin', query: RangeQuery, response: PlatformAnalytics }),
  session: endpoint({ method: 'post', path: '/api/v1/analytics/sessions', summary: 'The web client reports how long a visit lasted (recorded only with your analytics consent)', tags, auth: 'user', scope: 'write:accounts', body: SessionReportBody, response: Empty, status: 202 }),
} as const;
