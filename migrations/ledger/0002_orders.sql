CREATE TABLE "payment_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"buyer_account_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"listing_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"creator_account_id" text NOT NULL,
	"kind" text NOT NULL,
	"rental_days" integer,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"provider" text NOT NULL,
	"payment_method" text NOT NULL,
	"card_brand" text,
	"card_last4" text,
	"card_fingerprint" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"failure_code" text,
	"failure_message" text,
	"provider_payment_id" text,
	"paid_at" timestamp with time zone,
	"journal_transaction_id" text,
	"settlement" text,
	"release_at" timestamp with time zone,
	"disputed_at" timestamp with time zone,
	"entitlement_granted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_orders_buyer_key" UNIQUE("buyer_account_id","idempotency_key"),
	CONSTRAINT "payment_orders_amount" CHECK ("payment_orders"."amount" > 0),
	CONSTRAINT "payment_orders_kind" CHECK ("payment_orders"."kind" IN ('purchase', 'rental')),
	CONSTRAINT "payment_orders_state" CHECK ("payment_orders"."state" IN ('pending', 'succeeded', 'failed', 'blocked')),
	CONSTRAINT "payment_orders_settlement" CHECK ("payment_orders"."settlement" IN ('held', 'released', 'refunded')),
	CONSTRAINT "payment_orders_currency" CHECK ("payment_orders"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "payment_orders_paid" CHECK (("payment_orders"."state" = 'succeeded') = ("payment_orders"."journal_transaction_id" IS NOT NULL AND "payment_orders"."paid_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "provider_events" (
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"object_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_events_provider_event_id_pk" PRIMARY KEY("provider","event_id")
);
--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_journal_transaction_id_journal_transactions_id_fk" FOREIGN KEY ("journal_transaction_id") REFERENCES "public"."journal_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_orders_buyer_idx" ON "payment_orders" USING btree ("buyer_account_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_orders_creator_idx" ON "payment_orders" USING btree ("creator_account_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_orders_card_idx" ON "payment_orders" USING btree ("card_fingerprint","created_at");--> statement-breakpoint
CREATE INDEX "payment_orders_pending_idx" ON "payment_orders" USING btree ("updated_at") WHERE "payment_orders"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "payment_orders_release_idx" ON "payment_orders" USING btree ("release_at") WHERE "payment_orders"."settlement" = 'held';--> statement-breakpoint
CREATE INDEX "payment_orders_ungranted_idx" ON "payment_orders" USING btree ("updated_at") WHERE "payment_orders"."state" = 'succeeded' AND "payment_orders"."entitlement_granted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "provider_events_object_idx" ON "provider_events" USING btree ("object_id");