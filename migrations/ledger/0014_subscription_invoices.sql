CREATE TABLE "tier_invoices" (
	"journal_transaction_id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"tier_subscription_id" text NOT NULL,
	"description" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"invoice_id" text,
	"invoice_number" text,
	"invoice_url" text,
	"tried_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tier_invoices_amount" CHECK ("tier_invoices"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "invoice_id" text;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "invoice_number" text;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "invoice_url" text;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "invoice_tried_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "provider_refund_id" text;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "credit_note_id" text;--> statement-breakpoint
ALTER TABLE "tier_invoices" ADD CONSTRAINT "tier_invoices_journal_transaction_id_journal_transactions_id_fk" FOREIGN KEY ("journal_transaction_id") REFERENCES "public"."journal_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_invoices" ADD CONSTRAINT "tier_invoices_tier_subscription_id_tier_subscriptions_id_fk" FOREIGN KEY ("tier_subscription_id") REFERENCES "public"."tier_subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tier_invoices_account_idx" ON "tier_invoices" USING btree ("account_id","period_start");--> statement-breakpoint
CREATE INDEX "journal_transactions_tier_idx" ON "journal_transactions" USING btree ("created_at") WHERE "journal_transactions"."kind" = 'tier';--> statement-breakpoint
CREATE INDEX "payment_orders_uncredited_idx" ON "payment_orders" USING btree ("updated_at") WHERE "payment_orders"."settlement" = 'refunded' AND "payment_orders"."invoice_id" IS NOT NULL AND "payment_orders"."credit_note_id" IS NULL;--> statement-breakpoint
CREATE INDEX "payment_orders_uninvoiced_idx" ON "payment_orders" USING btree ("paid_at") WHERE "payment_orders"."state" = 'succeeded' AND "payment_orders"."subscription_id" IS NOT NULL AND "payment_orders"."provider_customer" IS NOT NULL AND "payment_orders"."invoice_id" IS NULL;