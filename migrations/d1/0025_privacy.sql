CREATE TABLE `account_deletions` (
	`account_id` text PRIMARY KEY NOT NULL,
	`requested_at` integer NOT NULL,
	`delete_after` integer NOT NULL,
	`was_discoverable` integer NOT NULL,
	`was_indexable` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `account_deletions_due_idx` ON `account_deletions` (`delete_after`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`kind` text NOT NULL,
	`granted` integer NOT NULL,
	`version` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `consents_account_idx` ON `consents` (`account_id`,`kind`,`id`);--> statement-breakpoint
CREATE TABLE `data_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`r2_key` text,
	`size` integer,
	`error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`completed_at` integer,
	`expires_at` integer
);
--> statement-breakpoint
CREATE INDEX `data_exports_account_idx` ON `data_exports` (`account_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `data_exports_one_running` ON `data_exports` (`account_id`) WHERE "data_exports"."state" IN ('queued', 'running');--> statement-breakpoint
CREATE INDEX `data_exports_expiry_idx` ON `data_exports` (`expires_at`) WHERE "data_exports"."state" = 'ready';