CREATE TABLE `metered_interactions` (
	`id` text PRIMARY KEY NOT NULL,
	`subscription_id` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `metered_interactions_subscription_idx` ON `metered_interactions` (`subscription_id`,`at`);--> statement-breakpoint
ALTER TABLE `analytics_sales` ADD `subscription_id` text;--> statement-breakpoint
ALTER TABLE `market_entitlements` ADD `subscription_id` text;--> statement-breakpoint
ALTER TABLE `market_entitlements` ADD `usage_limit` integer;--> statement-breakpoint
ALTER TABLE `market_entitlements` ADD `period_start` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `market_entitlements_subscription_unique` ON `market_entitlements` (`subscription_id`);