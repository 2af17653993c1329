CREATE TABLE "provider_customers" (
	"owner_account_id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"customer_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "provider_customer" text;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "off_session" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "provider_customer" text;--> statement-breakpoint
ALTER TABLE "tier_changes" ADD COLUMN "provider_customer" text;--> statement-breakpoint
ALTER TABLE "tier_subscriptions" ADD COLUMN "provider_customer" text;