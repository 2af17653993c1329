ALTER TABLE "payment_orders" ADD COLUMN "invoice_id" text;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "invoice_number" text;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "invoice_url" text;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "invoice_tried_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payment_orders_uninvoiced_idx" ON "payment_orders" USING btree ("paid_at") WHERE "payment_orders"."state" = 'succeeded' AND "payment_orders"."subscription_id" IS NOT NULL AND "payment_orders"."provider_customer" IS NOT NULL AND "payment_orders"."invoice_id" IS NULL;