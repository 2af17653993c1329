CREATE TABLE `live_streams` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`title` text NOT NULL,
	`visibility` text NOT NULL,
	`state` text DEFAULT 'live' NOT NULL,
	`viewer_count` integer DEFAULT 0 NOT NULL,
	`started_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`ended_at` integer,
	`replay_key` text
);
--> statement-breakpoint
CREATE INDEX `live_streams_account_idx` ON `live_streams` (`account_id`,`state`);--> statement-breakpoint
CREATE INDEX `live_streams_state_idx` ON `live_streams` (`state`,`id`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `live_stream_id` text;