CREATE TABLE "subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"buyer_account_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"listing_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"creator_account_id" text NOT NULL,
	"price" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"provider" text NOT NULL,
	"payment_method" text NOT NULL,
	"card_brand" text,
	"card_last4" text,
	"state" text DEFAULT 'incomplete' NOT NULL,
	"anchor_at" timestamp with time zone NOT NULL,
	"period" integer DEFAULT 0 NOT NULL,
	"current_period_start" timestamp with time zone NOT NULL,
	"current_period_end" timestamp with time zone NOT NULL,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"next_listing_id" text,
	"changed_at" timestamp with time zone,
	"renew_at" timestamp with time zone,
	"attempt" integer DEFAULT 0 NOT NULL,
	"grace_until" timestamp with time zone,
	"failure_code" text,
	"failure_message" text,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_buyer_key" UNIQUE("buyer_account_id","idempotency_key"),
	CONSTRAINT "subscriptions_price" CHECK ("subscriptions"."price" > 0),
	CONSTRAINT "subscriptions_state" CHECK ("subscriptions"."state" IN ('incomplete', 'incomplete_expired', 'active', 'past_due', 'canceled', 'lapsed')),
	CONSTRAINT "subscriptions_currency" CHECK ("subscriptions"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "subscriptions_grace" CHECK (("subscriptions"."state" = 'past_due') = ("subscriptions"."grace_until" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "payment_orders" DROP CONSTRAINT "payment_orders_kind";--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "subscription_id" text;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "covers_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "covers_until" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_live_idx" ON "subscriptions" USING btree ("buyer_account_id","listing_id") WHERE "subscriptions"."state" IN ('incomplete', 'active', 'past_due');--> statement-breakpoint
CREATE INDEX "subscriptions_buyer_idx" ON "subscriptions" USING btree ("buyer_account_id","id");--> statement-breakpoint
CREATE INDEX "subscriptions_due_idx" ON "subscriptions" USING btree ("renew_at") WHERE "subscriptions"."state" IN ('incomplete', 'active', 'past_due');--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_orders_subscription_idx" ON "payment_orders" USING btree ("subscription_id");--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_subscription" CHECK (("payment_orders"."kind" = 'subscription') = ("payment_orders"."subscription_id" IS NOT NULL AND "payment_orders"."covers_from" IS NOT NULL AND "payment_orders"."covers_until" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_kind" CHECK ("payment_orders"."kind" IN ('purchase', 'rental', 'subscription'));