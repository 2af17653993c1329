CREATE TABLE `account_tiers` (
	`account_id` text PRIMARY KEY NOT NULL,
	`tier` text NOT NULL,
	`until` integer NOT NULL,
	`subscription_id` text NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
