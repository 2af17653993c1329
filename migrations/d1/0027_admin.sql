CREATE TABLE `admin_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`reason` text,
	`details` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `admin_actions_target_idx` ON `admin_actions` (`target_type`,`target_id`,`id`);--> statement-breakpoint
CREATE INDEX `admin_actions_actor_idx` ON `admin_actions` (`actor_id`,`id`);--> statement-breakpoint
CREATE INDEX `admin_actions_action_idx` ON `admin_actions` (`action`,`id`);--> statement-breakpoint
ALTER TABLE `market_listings` ADD `admin_delisted_at` integer;--> statement-breakpoint
ALTER TABLE `notifications` ADD `admin_action_id` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `suspended_at` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `suspended_until` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `banned` integer DEFAULT false NOT NULL;