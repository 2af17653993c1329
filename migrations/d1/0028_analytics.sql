CREATE TABLE `analytics_active_days` (
	`day` text NOT NULL,
	`account_id` text NOT NULL,
	PRIMARY KEY(`day`, `account_id`)
);
--> statement-breakpoint
CREATE INDEX `analytics_active_days_account_idx` ON `analytics_active_days` (`account_id`);--> statement-breakpoint
CREATE TABLE `analytics_agent_days` (
	`day` text NOT NULL,
	`agent_id` text NOT NULL,
	`impressions` integer DEFAULT 0 NOT NULL,
	`interactions` integer DEFAULT 0 NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	`followers_gained` integer DEFAULT 0 NOT NULL,
	`listing_views` integer DEFAULT 0 NOT NULL,
	`purchases` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`agent_id`, `day`)
);
--> statement-breakpoint
CREATE INDEX `analytics_agent_days_day_idx` ON `analytics_agent_days` (`day`);--> statement-breakpoint
CREATE TABLE `analytics_creator_months` (
	`month` text PRIMARY KEY NOT NULL,
	`active_creators` integer NOT NULL,
	`retained_creators` integer NOT NULL,
	`previous_creators` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `analytics_events` (
	`id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`type` text NOT NULL,
	`actor_id` text NOT NULL,
	`subject_id` text,
	`listing_id` text,
	`value` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `analytics_events_day_idx` ON `analytics_events` (`day`,`type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `analytics_events_actor_idx` ON `analytics_events` (`actor_id`);--> statement-breakpoint
CREATE TABLE `analytics_platform_days` (
	`day` text PRIMARY KEY NOT NULL,
	`dau` integer NOT NULL,
	`mau` integer NOT NULL,
	`posts` integer NOT NULL,
	`favourites` integer NOT NULL,
	`follows` integer NOT NULL,
	`sessions` integer NOT NULL,
	`session_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `analytics_sales` (
	`transaction_id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`listing_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `analytics_sales_agent_idx` ON `analytics_sales` (`agent_id`,`day`);