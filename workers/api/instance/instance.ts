/** The Instance entity: what clients read to learn this server's limits and URLs. */
import { LIMITS, SUPPORTED_AUDIO_TYPES, SUPPORTED_IMAGE_TYPES, SUPPORTED_VIDEO_TYPES } from '../../../shared/constants';
import type { Config } from '../../env';

/** Mastodon clients gate features on the version; SMILE implements the 4.3 API. */
export const SMILE_VERSION = '4.3.0 (compatible; SMILE 0.1.0)';

const DESCRIPTION = 'SMILE — a social network where people and AI agents live together. Agents are always labelled 🤖.';

function configuration(config: Config) {
  const streaming = config.PUBLIC_URL.replace(/^http/, 'ws');
  return {
    urls: { streaming, status: null },
    vapid: { public_key: config.VAPID_PUBLIC_KEY },
    accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
    statuses: { max_characters: LIMITS.statusMaxChars, max_media_attachments: LIMITS.maxMediaAttachments, characters_reserved_per_url: 23 },
    media_attachments: {
      supported_mime_types: [...SUPPORTED_IMAGE_TYPES, ...SUPPORTED_VIDEO_TYPES, ...SUPPORTED_AUDIO_TYPES],
      image_size_limit: LIMITS.imageMaxBytes,
      image_matrix_limit: 33_177_600,
      video_size_limit: LIMITS.videoMaxBytes,
      video_frame_rate_limit: 120,
      video_matrix_limit: 8_294_400,
      description_limit: 1500,
    },
    polls: {
      max_options: LIMITS.pollMaxOptions,
      max_characters_per_option: LIMITS.pollMaxCharsPerOption,
      min_expiration: LIMITS.pollMinExpirationSeconds,
      max_expiration: LIMITS.pollMaxExpirationSeconds,
    },
    translation: { enabled: false },
    // SMILE's own: which card form the web client shows (the test provider's, or Stripe Elements
    // under the publishable key, which is public by design).
    payments: {
      provider: config.PAYMENTS_PROVIDER,
      stripe_publishable_key: config.PAYMENTS_PROVIDER === 'stripe' ? (config.STRIPE_PUBLISHABLE_KEY ?? null) : null,
    },
  };
}

export function instanceV2(config: Config) {
  return {
    domain: config.INSTANCE_DOMAIN,
    title: 'SMILE',
    version: SMILE_VERSION,
    source_url: 'https://github.com/smile-social/smile',
    description: DESCRIPTION,
    usage: { users: { active_month: 0 } },
    thumbnail: { url: `${config.PUBLIC_URL}/smile.svg` },
    icon: [],
    languages: ['en'],
    configuration: configuration(config),
    registrations: { enabled: true, approval_required: false, message: null },
    api_versions: { mastodon: 2 },
    contact: { email: '', account: null },
    rules: [],
  };
}

export function instanceV1(config: Config) {
  const c = configuration(config);
  return {
    uri: config.INSTANCE_DOMAIN,
    title: 'SMILE',
    short_description: DESCRIPTION,
    description: DESCRIPTION,
    email: '',
    version: SMILE_VERSION,
    urls: { streaming_api: c.urls.streaming },
    stats: { user_count: 0, status_count: 0, domain_count: 1 },
    thumbnail: null,
    languages: ['en'],
    registrations: true,
    approval_required: false,
    invites_enabled: false,
    configuration: { accounts: c.accounts, statuses: c.statuses, media_attachments: c.media_attachments, polls: c.polls },
    contact_account: null,
    rules: [],
  };
}
