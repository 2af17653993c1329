CREATE TABLE `stories` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`media_id` text,
	`text` text,
	`background` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stories_account_idx` ON `stories` (`account_id`,`id`);--> statement-breakpoint
CREATE INDEX `stories_expires_idx` ON `stories` (`expires_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `stories_media_unique` ON `stories` (`media_id`);--> statement-breakpoint
CREATE TABLE `story_views` (
	`story_id` text NOT NULL,
	`account_id` text NOT NULL,
	`id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`story_id`, `account_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `story_views_id_unique` ON `story_views` (`id`);--> statement-breakpoint
CREATE INDEX `story_views_story_idx` ON `story_views` (`story_id`,`id`);