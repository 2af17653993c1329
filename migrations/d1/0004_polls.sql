CREATE TABLE `poll_votes` (
	`poll_id` text NOT NULL,
	`account_id` text NOT NULL,
	`choices` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`poll_id`, `account_id`)
);
--> statement-breakpoint
CREATE INDEX `poll_votes_account_idx` ON `poll_votes` (`account_id`);--> statement-breakpoint
CREATE TABLE `polls` (
	`id` text PRIMARY KEY NOT NULL,
	`status_id` text NOT NULL,
	`options` text NOT NULL,
	`multiple` integer DEFAULT false NOT NULL,
	`hide_totals` integer DEFAULT false NOT NULL,
	`expires_at` integer NOT NULL,
	`closed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `polls_status_id_unique` ON `polls` (`status_id`);