ALTER TABLE "payment_orders" DROP CONSTRAINT "payment_orders_kind";--> statement-breakpoint
ALTER TABLE "payment_orders" DROP CONSTRAINT "payment_orders_interactions";--> statement-breakpoint
ALTER TABLE "payment_orders" DROP CONSTRAINT "payment_orders_subscription";--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "billing" text DEFAULT 'monthly' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "usage_limit" integer;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_kind" CHECK ("payment_orders"."kind" IN ('purchase', 'rental', 'subscription', 'interactions', 'usage'));--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_interactions" CHECK (("payment_orders"."kind" IN ('interactions', 'usage')) = ("payment_orders"."interactions" IS NOT NULL AND "payment_orders"."interactions" > 0));--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_subscription" CHECK (("payment_orders"."kind" IN ('subscription', 'usage')) = ("payment_orders"."subscription_id" IS NOT NULL AND "payment_orders"."covers_from" IS NOT NULL AND "payment_orders"."covers_until" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_billing" CHECK ("subscriptions"."billing" IN ('monthly', 'metered') AND ("subscriptions"."billing" = 'metered') = ("subscriptions"."usage_limit" IS NOT NULL AND "subscriptions"."usage_limit" > 0));