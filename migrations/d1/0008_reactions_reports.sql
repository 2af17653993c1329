CREATE TABLE `reactions` (
	`status_id` text NOT NULL,
	`account_id` text NOT NULL,
	`emoji` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`status_id`, `account_id`, `emoji`)
);
--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`target_account_id` text NOT NULL,
	`status_ids` text DEFAULT '[]' NOT NULL,
	`category` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`action_taken_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reports_open_idx` ON `reports` (`action_taken_at`,`id`);--> statement-breakpoint
CREATE INDEX `reports_target_idx` ON `reports` (`target_account_id`);