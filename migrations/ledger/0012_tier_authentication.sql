ALTER TABLE "tier_subscriptions" ADD COLUMN "payment_id" text;--> statement-breakpoint
ALTER TABLE "tier_subscriptions" ADD COLUMN "client_secret" text;