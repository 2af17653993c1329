CREATE TABLE "tier_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"subscription_id" text NOT NULL,
	"kind" text NOT NULL,
	"from_tier" text NOT NULL,
	"to_tier" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"payment_method" text NOT NULL,
	"covers_from" timestamp with time zone NOT NULL,
	"covers_until" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"failure_code" text,
	"failure_message" text,
	"provider_payment_id" text,
	"journal_transaction_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tier_changes_account_key" UNIQUE("account_id","idempotency_key"),
	CONSTRAINT "tier_changes_kind" CHECK ("tier_changes"."kind" IN ('upgrade', 'downgrade', 'call_off')),
	CONSTRAINT "tier_changes_state" CHECK ("tier_changes"."state" IN ('pending', 'succeeded', 'failed')),
	CONSTRAINT "tier_changes_amount" CHECK (("tier_changes"."kind" = 'upgrade') = ("tier_changes"."amount" > 0) AND "tier_changes"."amount" >= 0),
	CONSTRAINT "tier_changes_charged" CHECK ("tier_changes"."kind" = 'upgrade' OR "tier_changes"."state" = 'succeeded'),
	CONSTRAINT "tier_changes_paid" CHECK (("tier_changes"."kind" = 'upgrade' AND "tier_changes"."state" = 'succeeded') = ("tier_changes"."journal_transaction_id" IS NOT NULL)),
	CONSTRAINT "tier_changes_currency" CHECK ("tier_changes"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "tier_subscriptions" ADD COLUMN "next_tier" text;--> statement-breakpoint
ALTER TABLE "tier_changes" ADD CONSTRAINT "tier_changes_subscription_id_tier_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."tier_subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_changes" ADD CONSTRAINT "tier_changes_journal_transaction_id_journal_transactions_id_fk" FOREIGN KEY ("journal_transaction_id") REFERENCES "public"."journal_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tier_changes_pending_idx" ON "tier_changes" USING btree ("subscription_id") WHERE "tier_changes"."state" = 'pending';--> statement-breakpoint
ALTER TABLE "tier_subscriptions" ADD CONSTRAINT "tier_subscriptions_next_tier" CHECK ("tier_subscriptions"."next_tier" IN ('creator_pro', 'business') AND "tier_subscriptions"."next_tier" <> "tier_subscriptions"."tier");