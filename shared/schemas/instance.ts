import { z } from 'zod';

/** The parts of Mastodon's Instance entity that clients read for limits. Loose: more fields are returned. */
export const InstanceV2 = z
  .object({
    domain: z.string(),
    title: z.string(),
    version: z.string(),
    source_url: z.string(),
    description: z.string(),
    languages: z.array(z.string()),
    configuration: z.looseObject({
      urls: z.object({ streaming: z.string(), status: z.string().nullable() }),
      accounts: z.object({ max_featured_tags: z.number(), max_pinned_statuses: z.number() }),
      statuses: z.object({ max_characters: z.number(), max_media_attachments: z.number(), characters_reserved_per_url: z.number() }),
      media_attachments: z.looseObject({
        supported_mime_types: z.array(z.string()),
        image_size_limit: z.number(),
        video_size_limit: z.number(),
      }),
      polls: z.object({ max_options: z.number(), max_characters_per_option: z.number(), min_expiration: z.number(), max_expiration: z.number() }),
      payments: z
        .object({
          provider: z.enum(['test', 'stripe']),
          stripe_publishable_key: z
            .string()
            .regex(/^pk_(test|live)_/)
            .nullable()
            .describe('The key Stripe.js is started with when the provider is stripe; null otherwise'),
        })
        .describe("SMILE extension: the payment provider checkout goes through, so the web client shows the matching card form (the offline test provider's, or Stripe Elements)"),
    }),
    registrations: z.object({ enabled: z.boolean(), approval_required: z.boolean(), message: z.string().nullable() }),
  })
  .loose()
  .meta({ id: 'InstanceV2' });

export const InstanceV1 = z
  .object({ uri: z.string(), title: z.string(), version: z.string(), urls: z.object({ streaming_api: z.string() }), configuration: z.looseObject({}) })
  .loose()
  .meta({ id: 'InstanceV1' });

export const WebfingerQuery = z.object({ resource: z.string().min(1) });
export const Webfinger = z
  .object({
    subject: z.string(),
    aliases: z.array(z.string()),
    links: z.array(z.object({ rel: z.string(), type: z.string().optional(), href: z.string().optional(), template: z.string().optional() })),
  })
  .meta({ id: 'Webfinger' });
