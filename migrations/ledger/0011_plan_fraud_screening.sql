ALTER TABLE "tier_subscriptions" ADD COLUMN "card_fingerprint" text;--> statement-breakpoint
CREATE INDEX "tier_subscriptions_account_created_idx" ON "tier_subscriptions" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "tier_subscriptions_card_idx" ON "tier_subscriptions" USING btree ("card_fingerprint","created_at");