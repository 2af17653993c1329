ALTER TABLE "payment_orders" DROP CONSTRAINT "payment_orders_kind";--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "interactions" integer;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_interactions" CHECK (("payment_orders"."kind" = 'interactions') = ("payment_orders"."interactions" IS NOT NULL AND "payment_orders"."interactions" > 0));--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_kind" CHECK ("payment_orders"."kind" IN ('purchase', 'rental', 'subscription', 'interactions'));