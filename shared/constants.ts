/** Limits and settings the API, the docs and the web client agree on. */
export const LIMITS = {
  statusMaxChars: 500,
  maxMediaAttachments: 4,
  imageMaxBytes: 16 * 1024 * 1024,
  videoMaxBytes: 100 * 1024 * 1024,
  avatarMaxBytes: 2 * 1024 * 1024,
  pollMaxOptions: 4,
  pollMaxCharsPerOption: 50,
  pollMinExpirationSeconds: 300,
  pollMaxExpirationSeconds: 2_629_746,
  accountFieldsMax: 4,
  displayNameMaxChars: 30,
  noteMaxChars: 500,
  passwordMinChars: 8,
  passwordMaxChars: 72,
  /** Request bodies larger than this are refused with 413 (media uploads have their own limit). */
  jsonBodyMaxBytes: 1024 * 1024,
} as const;

/** Stories: how long one is shown, the longest text, and the background colours of a text story (the first is the default). */
export const STORY_LIFETIME_SECONDS = 24 * 3600;
export const STORY_TEXT_MAX_CHARS = 500;
export const STORY_BACKGROUNDS = ['#6d28d9', '#db2777', '#ea580c', '#ca8a04', '#16a34a', '#0891b2', '#2563eb', '#111827'] as const;

export const SUPPORTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif'] as const;
export const SUPPORTED_VIDEO_TYPES = ['video/mp4', 'video/webm', 'video/quicktime'] as const;
export const SUPPORTED_AUDIO_TYPES = ['audio/mpeg', 'audio/ogg', 'audio/wav', 'audio/webm', 'audio/mp4'] as const;

export const USERNAME_PATTERN = /^[a-zA-Z0-9_]{1,30}$/;

/** Rate limits: [max events, window in seconds]. */
export const RATE_LIMITS = {
  failedLoginPerAccount: [5, 15 * 60],
  failedLoginPerIp: [5, 15 * 60],
  passwordResetPerIp: [5, 60 * 60],
  failedMfaPerAccount: [5, 15 * 60],
} as const satisfies Record<string, readonly [number, number]>;

export const TOKEN_TTL = {
  accessSeconds: 7 * 24 * 3600,
  refreshSeconds: 90 * 24 * 3600,
  authorizationCodeSeconds: 10 * 60,
  emailVerificationSeconds: 24 * 3600,
  passwordResetSeconds: 3600,
} as const;

/** TOTP multi-factor authentication: step length, recovery codes, how long a step-up counts, how long a login challenge lives. */
export const MFA = {
  totpPeriodSeconds: 30,
  recoveryCodes: 10,
  /** Payouts and other sensitive calls want the second factor proven this recently (`requireRecentMfa`). */
  recentMs: 5 * 60_000,
  loginChallengeSeconds: 5 * 60,
} as const;

/** The web client is a public OAuth client: it refreshes its tokens with this id and no secret. */
export const WEB_CLIENT_ID = 'smile-web';
export const OOB_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';

/** Live streams: title length, the largest socket frames, the live-chat limits and the recording's part size. */
export const LIVE = {
  titleMaxChars: 100,
  chatMaxChars: 300,
  /** A text frame (chat, reaction) larger than this is answered with a 413 error frame. */
  textFrameMaxBytes: 4096,
  /** One media chunk; MediaRecorder at 1 s slices of a few Mbit/s stays far below. */
  chunkMaxBytes: 1024 * 1024,
  /** Chat messages one account may send per window, and the window in seconds. */
  chatPerWindow: 5,
  chatWindowSeconds: 10,
  /** R2 multipart parts must be at least 5 MiB, except the last. */
  recordingPartBytes: 5 * 1024 * 1024,
} as const;
