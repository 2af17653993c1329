CREATE TABLE `moderation_items` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`account_id` text NOT NULL,
	`action` text NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`reason` text,
	`source` text NOT NULL,
	`excerpt` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`reviewer_id` text,
	`reviewed_at` integer,
	`note` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `moderation_items_state_idx` ON `moderation_items` (`state`,`id`);--> statement-breakpoint
CREATE INDEX `moderation_items_subject_idx` ON `moderation_items` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `moderation_items_open_unique` ON `moderation_items` (`subject_type`,`subject_id`) WHERE state = 'open';--> statement-breakpoint
ALTER TABLE `statuses` ADD `moderation_state` text DEFAULT 'ok' NOT NULL;--> statement-breakpoint
ALTER TABLE `statuses` ADD `moderation_reason` text;