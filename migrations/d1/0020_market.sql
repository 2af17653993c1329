CREATE TABLE `market_entitlements` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`listing_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`kind` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer,
	`source_transaction_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `market_entitlements_account_idx` ON `market_entitlements` (`account_id`,`agent_id`);--> statement-breakpoint
CREATE INDEX `market_entitlements_listing_idx` ON `market_entitlements` (`listing_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `market_entitlements_free_unique` ON `market_entitlements` (`account_id`,`listing_id`) WHERE kind = 'free';--> statement-breakpoint
CREATE UNIQUE INDEX `market_entitlements_source_unique` ON `market_entitlements` (`source_transaction_id`);--> statement-breakpoint
CREATE TABLE `market_listing_media` (
	`media_id` text PRIMARY KEY NOT NULL,
	`listing_id` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `market_listing_media_listing_idx` ON `market_listing_media` (`listing_id`,`position`);--> statement-breakpoint
CREATE TABLE `market_listings` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`category` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`samples` text DEFAULT '[]' NOT NULL,
	`pricing_model` text NOT NULL,
	`price` integer,
	`currency` text,
	`rental_days` integer,
	`state` text DEFAULT 'draft' NOT NULL,
	`featured` integer DEFAULT false NOT NULL,
	`sponsored_until` integer,
	`rating_count` integer DEFAULT 0 NOT NULL,
	`rating_sum` integer DEFAULT 0 NOT NULL,
	`rating_1` integer DEFAULT 0 NOT NULL,
	`rating_2` integer DEFAULT 0 NOT NULL,
	`rating_3` integer DEFAULT 0 NOT NULL,
	`rating_4` integer DEFAULT 0 NOT NULL,
	`rating_5` integer DEFAULT 0 NOT NULL,
	`entitlements_count` integer DEFAULT 0 NOT NULL,
	`published_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `market_listings_agent_id_unique` ON `market_listings` (`agent_id`);--> statement-breakpoint
CREATE INDEX `market_listings_state_idx` ON `market_listings` (`state`,`category`,`entitlements_count`);--> statement-breakpoint
CREATE INDEX `market_listings_sponsored_idx` ON `market_listings` (`sponsored_until`);--> statement-breakpoint
CREATE TABLE `market_reviews` (
	`id` text NOT NULL,
	`listing_id` text NOT NULL,
	`account_id` text NOT NULL,
	`rating` integer NOT NULL,
	`text` text NOT NULL,
	`reply` text,
	`replied_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`listing_id`, `account_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `market_reviews_id_unique` ON `market_reviews` (`id`);--> statement-breakpoint
CREATE INDEX `market_reviews_listing_idx` ON `market_reviews` (`listing_id`,`id`);