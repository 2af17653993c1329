/**
 * The Worker's bindings and configuration. Bindings are typed here by hand (they are few and
 * stable); vars and secrets are validated with zod once per isolate (`loadConfig`).
 */
import { z } from 'zod';
import type { AgentSession } from '../durable-objects/AgentSession';
import type { ChatRoom } from '../durable-objects/ChatRoom';
import type { LiveStream } from '../durable-objects/LiveStream';
import type { RateLimiter } from '../durable-objects/RateLimiter';
import type { TestPaymentProvider } from '../durable-objects/TestPaymentProvider';
import type { UserStream } from '../durable-objects/UserStream';

export interface Env {
  DB: D1Database;
  MEDIA: R2Bucket;
  ASSETS?: Fetcher;
  AI?: Ai;
  CHAT_ROOM: DurableObjectNamespace<ChatRoom>;
  LIVE_STREAM: DurableObjectNamespace<LiveStream>;
  AGENT_SESSION: DurableObjectNamespace<AgentSession>;
  USER_STREAM: DurableObjectNamespace<UserStream>;
  /** API rate-limit buckets (workers/api/lib/request-limits.ts). */
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>;
  MODERATION_QUEUE: Queue;
  FANOUT_QUEUE: Queue;
  AGENT_TASKS_QUEUE: Queue;
  TRAINING_QUEUE: Queue;
  /** Data exports (docs/privacy.md): one archive a message. */
  PRIVACY_QUEUE: Queue;
  /** The offline test payment provider and its webhook deliveries; not bound in production. */
  TEST_PAYMENTS?: DurableObjectNamespace<TestPaymentProvider>;
  PAYMENT_WEBHOOKS?: Queue;
  /** Workers Analytics Engine (production, optional): analytics events go here instead of D1's `analytics_events` (docs/analytics.md). */
  ANALYTICS?: AnalyticsEngineDataset;
  [key: string]: unknown;
}

const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me-0123456789';
/** The development VAPID key pair's public half (wrangler.toml [vars]); production refuses it. */
const DEV_VAPID_PUBLIC_KEY = 'BOnOU0R8RTqqY6z9tvnrYO8o4bt3jypeORl_Q1sok-4ZtKWSrLx32YVEtsgmNcKpvKIjp3N9SNIEPUKDNhpz5oA';
const base64url = (bytes: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`), `must be ${bytes} bytes, base64url without padding`);
const flag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');
const optional = z.string().min(1).optional();
/** `test` or `live`, from a Stripe key's prefix (`pk_test_…`, `sk_live_…`, `rk_test_…`). */
const stripeMode = (key: string) => key.split('_')[1];
const wholeNumber = (fallback: number) => z.string().regex(/^[1-9]\d{0,8}$/, 'must be a positive whole number').default(String(fallback)).transform(Number);

/**
 * The configuration both Workers read: the API's and the chat Worker's (wrangler.chat.jsonc), whose
 * isolate holds only the conversations' code and so validates only what that code uses.
 */
const COMMON_VARS = {
  ENVIRONMENT: z.enum(['development', 'test', 'production']).default('development'),
  PUBLIC_URL: z.url().default('http://127.0.0.1:8787'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Who generates, embeds and moderates; the Workers AI binding throws offline, so it is never the default. */
  AI_PROVIDER: z.enum(['builtin', 'workers-ai', 'openai-compatible']).default('builtin'),
  /** An OpenAI-compatible server's API root, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1. */
  AI_BASE_URL: z.url().optional(),
  AI_API_KEY: optional,
  AI_CHAT_MODEL: optional,
  AI_EMBED_MODEL: optional,
  /** Length of AI_EMBED_MODEL's vectors (768 for bge-base on Workers AI, 1536 for OpenAI's text-embedding-3-small). */
  AI_EMBED_DIMENSIONS: z.string().regex(/^[1-9]\d{0,4}$/, 'must be a positive whole number').transform(Number).optional(),
};

function checkAiProvider(c: { AI_PROVIDER: string; AI_BASE_URL?: string; AI_CHAT_MODEL?: string }, ctx: z.RefinementCtx) {
  if (c.AI_PROVIDER !== 'openai-compatible') return;
  if (!c.AI_BASE_URL) ctx.addIssue({ code: 'custom', path: ['AI_BASE_URL'], message: 'AI_PROVIDER=openai-compatible needs AI_BASE_URL (the API root that serves /chat/completions)' });
  if (!c.AI_CHAT_MODEL) ctx.addIssue({ code: 'custom', path: ['AI_CHAT_MODEL'], message: 'AI_PROVIDER=openai-compatible needs AI_CHAT_MODEL (the model name the server expects)' });
}

const CommonConfigSchema = z.object(COMMON_VARS).superRefine(checkAiProvider);

const ConfigSchema = z
  .object({
    ...COMMON_VARS,
    INSTANCE_DOMAIN: z.string().min(1).default('127.0.0.1:8787'),
    JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters'),
    DEV_MAILBOX: flag,
    GOOGLE_CLIENT_ID: optional,
    GOOGLE_CLIENT_SECRET: optional,
    FACEBOOK_CLIENT_ID: optional,
    FACEBOOK_CLIENT_SECRET: optional,
    APPLE_CLIENT_ID: optional,
    APPLE_TEAM_ID: optional,
    APPLE_KEY_ID: optional,
    APPLE_PRIVATE_KEY: optional,
    /** A Resend-compatible mail API (POST {from, to, subject, text}); without it mail stays in the outbox. */
    MAIL_API_URL: z.url().optional(),
    MAIL_API_KEY: optional,
    MAIL_FROM: optional,
    /** Tests only: point a provider at a local OpenID provider instead of the real one. */
    SOCIAL_ISSUER_OVERRIDE: z.url().optional(),
    /** Web Push (VAPID, RFC 8292): the P-256 public key uncompressed (65 bytes) and the private scalar (32 bytes), base64url. */
    VAPID_PUBLIC_KEY: base64url(65),
    VAPID_PRIVATE_KEY: base64url(32),
    /** Who push services contact about this sender: a `mailto:` or `https:` URL. */
    VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: or https: URL'),
    /** The ledger's Postgres (Neon in production, a secret): postgres://user:password@host/db. */
    LEDGER_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL').optional(),
    /** Development and tests only: host:port of the local stand-in for Neon's WebSocket proxy (scripts/lib/ledger-db.mjs). */
    LEDGER_WS_PROXY: z.string().regex(/^[\w.-]+:\d+$/, 'must be host:port').optional(),
    /** Stripe's API key (a secret): sk_test_…, sk_live_…, or a restricted rk_test_…/rk_live_… key. */
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, 'must be a Stripe secret key: sk_test_…, sk_live_… or rk_…').optional(),
    /** The signing secret of Stripe's webhook endpoint for this deployment (a secret): whsec_…. */
    STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\S+$/, 'must be a webhook signing secret: whsec_…').optional(),
    /** Stripe's publishable key (a var, public by design: the web client hands it to Stripe.js): pk_test_… or pk_live_…. */
    STRIPE_PUBLISHABLE_KEY: z.string().regex(/^pk_(test|live)_[A-Za-z0-9]+$/, 'must be a Stripe publishable key: pk_test_… or pk_live_…').optional(),
    /** Tests only: an http(s) URL of a local stand-in for https://api.stripe.com. */
    STRIPE_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
    /** Who takes payments: `test` (offline, Stripe test mode's cards; never in production) or `stripe`. */
    PAYMENTS_PROVIDER: z.enum(['test', 'stripe']).default('test'),
    /** The test provider signs its webhooks with this, the way Stripe signs with an endpoint's `whsec_…`. */
    TEST_PAYMENTS_WEBHOOK_SECRET: z.string().regex(/^whsec_\S{16,}$/, 'must look like whsec_…').optional(),
    /** Fraud rules' velocity limits (workers/api/payments/fraud.ts has the defaults); raised for load tests. */
    FRAUD_BUYER_PURCHASES_PER_HOUR: z.string().regex(/^[1-9]\d{0,6}$/, 'must be a positive whole number').transform(Number).optional(),
    FRAUD_CARD_PURCHASES_PER_HOUR: z.string().regex(/^[1-9]\d{0,6}$/, 'must be a positive whole number').transform(Number).optional(),
    /** The Analytics Engine dataset bound as ANALYTICS, and who may read it through the SQL API (the daily rollup reads it back). */
    ANALYTICS_DATASET: z.string().regex(/^\w+$/, 'must be a dataset name').default('smile_events'),
    ANALYTICS_ACCOUNT_ID: z.string().regex(/^[0-9a-f]{32}$/, 'must be a Cloudflare account id').optional(),
    ANALYTICS_API_TOKEN: optional,
    /** Tests only: a stand-in for https://api.cloudflare.com. */
    ANALYTICS_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * API rate limits (docs/security.md): requests per window, counted per account and per
     * address alike, for reads (GET), writes (other methods) and posts (content creation).
     * Raised for the test suites, the end-to-end server and the benchmarks.
     */
    RATE_LIMIT_WINDOW_SECONDS: wholeNumber(300),
    RATE_LIMIT_READS: wholeNumber(1500),
    RATE_LIMIT_WRITES: wholeNumber(300),
    RATE_LIMIT_POSTS: wholeNumber(30),
    /** Sign-ups (with a password or a provider) per address per hour. */
    RATE_LIMIT_SIGNUPS: wholeNumber(10),
  })
  .refine((c) => c.ENVIRONMENT !== 'production' || c.JWT_SECRET !== DEV_JWT_SECRET, {
    message: 'JWT_SECRET must be set with `wrangler secret put JWT_SECRET` in production',
    path: ['JWT_SECRET'],
  })
  .refine((c) => c.ENVIRONMENT !== 'production' || c.VAPID_PUBLIC_KEY !== DEV_VAPID_PUBLIC_KEY, {
    message: 'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be a key pair of your own in production (see docs/push.md)',
    path: ['VAPID_PUBLIC_KEY'],
  })
  .refine((c) => c.ENVIRONMENT !== 'production' || !c.DEV_MAILBOX, {
    message: 'DEV_MAILBOX exposes every mail; it cannot be on in production',
    path: ['DEV_MAILBOX'],
  })
  .refine((c) => c.ENVIRONMENT !== 'production' || !c.SOCIAL_ISSUER_OVERRIDE, {
    message: 'SOCIAL_ISSUER_OVERRIDE would let another issuer sign people in as Google users; it cannot be set in production',
    path: ['SOCIAL_ISSUER_OVERRIDE'],
  })
  .refine((c) => c.ENVIRONMENT !== 'production' || !c.LEDGER_WS_PROXY, {
    message: 'LEDGER_WS_PROXY sends the ledger unencrypted through a local proxy; it cannot be set in production',
    path: ['LEDGER_WS_PROXY'],
  })
  .refine((c) => c.ENVIRONMENT !== 'production' || !c.STRIPE_API_BASE, {
    message: 'STRIPE_API_BASE sends payments to a stand-in instead of Stripe; it cannot be set in production',
    path: ['STRIPE_API_BASE'],
  })
  .refine((c) => c.PAYMENTS_PROVIDER !== 'stripe' || (c.STRIPE_SECRET_KEY && c.STRIPE_WEBHOOK_SECRET), {
    message: 'PAYMENTS_PROVIDER=stripe needs the secrets STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (docs/payments.md)',
    path: ['STRIPE_SECRET_KEY'],
  })
  .refine((c) => c.PAYMENTS_PROVIDER !== 'stripe' || c.STRIPE_PUBLISHABLE_KEY, {
    message: 'PAYMENTS_PROVIDER=stripe needs STRIPE_PUBLISHABLE_KEY (pk_…): without it the web client cannot turn a card into a payment method (docs/payments.md)',
    path: ['STRIPE_PUBLISHABLE_KEY'],
  })
  // A card tokenized in test mode is unknown to a live key and the other way round: every payment would fail.
  .refine((c) => !c.STRIPE_PUBLISHABLE_KEY || !c.STRIPE_SECRET_KEY || stripeMode(c.STRIPE_PUBLISHABLE_KEY) === stripeMode(c.STRIPE_SECRET_KEY), {
    message: 'STRIPE_PUBLISHABLE_KEY and STRIPE_SECRET_KEY must both be test-mode keys or both live-mode keys',
    path: ['STRIPE_PUBLISHABLE_KEY'],
  })
  .refine((c) => c.ENVIRONMENT !== 'production' || c.PAYMENTS_PROVIDER !== 'test', {
    message: 'PAYMENTS_PROVIDER=test takes no money; production uses stripe',
    path: ['PAYMENTS_PROVIDER'],
  })
  .refine((c) => c.PAYMENTS_PROVIDER !== 'test' || c.TEST_PAYMENTS_WEBHOOK_SECRET, {
    message: 'PAYMENTS_PROVIDER=test needs TEST_PAYMENTS_WEBHOOK_SECRET (wrangler.toml [vars] has a development one)',
    path: ['TEST_PAYMENTS_WEBHOOK_SECRET'],
  })
  .superRefine(checkAiProvider);

export type Config = z.infer<typeof ConfigSchema>;
export type CommonConfig = z.infer<typeof CommonConfigSchema>;

/** Validated once per isolate (an isolate's `env` is one object) and per schema. */
function loader<T>(schema: z.ZodType<T>): (env: Env) => T {
  const cache = new WeakMap<object, T>();
  return (env) => {
    let config = cache.get(env);
    if (!config) {
      const parsed = schema.safeParse(env);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        throw new Error(`Invalid configuration: ${problems}`);
      }
      config = parsed.data;
      cache.set(env, config);
    }
    return config;
  };
}

/** Validates the API Worker's vars and secrets; a misconfigured deployment fails loudly on its first request. */
export const loadConfig = loader(ConfigSchema);

/** The part the chat Worker has too (COMMON_VARS): what code that runs in both Workers reads. */
export const loadCommonConfig = loader(CommonConfigSchema);
