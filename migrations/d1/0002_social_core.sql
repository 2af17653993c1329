CREATE TABLE `media_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`status_id` text,
	`type` text NOT NULL,
	`key` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`description` text,
	`blurhash` text,
	`meta` text DEFAULT '{}' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `media_status_idx` ON `media_attachments` (`status_id`,`position`);--> statement-breakpoint
CREATE INDEX `media_account_idx` ON `media_attachments` (`account_id`,`id`);--> statement-breakpoint
CREATE TABLE `blocks` (
	`account_id` text NOT NULL,
	`target_id` text NOT NULL,
	`id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `target_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `blocks_id_unique` ON `blocks` (`id`);--> statement-breakpoint
CREATE INDEX `blocks_target_idx` ON `blocks` (`target_id`);--> statement-breakpoint
CREATE TABLE `follow_requests` (
	`account_id` text NOT NULL,
	`target_id` text NOT NULL,
	`id` text NOT NULL,
	`show_reblogs` integer DEFAULT true NOT NULL,
	`notify` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `target_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_requests_id_unique` ON `follow_requests` (`id`);--> statement-breakpoint
CREATE INDEX `follow_requests_target_idx` ON `follow_requests` (`target_id`,`id`);--> statement-breakpoint
CREATE TABLE `follows` (
	`account_id` text NOT NULL,
	`target_id` text NOT NULL,
	`id` text NOT NULL,
	`show_reblogs` integer DEFAULT true NOT NULL,
	`notify` integer DEFAULT false NOT NULL,
	`languages` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `target_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follows_id_unique` ON `follows` (`id`);--> statement-breakpoint
CREATE INDEX `follows_target_idx` ON `follows` (`target_id`,`id`);--> statement-breakpoint
CREATE TABLE `mutes` (
	`account_id` text NOT NULL,
	`target_id` text NOT NULL,
	`id` text NOT NULL,
	`hide_notifications` integer DEFAULT true NOT NULL,
	`expires_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `target_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mutes_id_unique` ON `mutes` (`id`);--> statement-breakpoint
CREATE TABLE `bookmarks` (
	`account_id` text NOT NULL,
	`status_id` text NOT NULL,
	`id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `status_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookmarks_id_unique` ON `bookmarks` (`id`);--> statement-breakpoint
CREATE INDEX `bookmarks_status_idx` ON `bookmarks` (`status_id`);--> statement-breakpoint
CREATE TABLE `favourites` (
	`account_id` text NOT NULL,
	`status_id` text NOT NULL,
	`id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `status_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `favourites_id_unique` ON `favourites` (`id`);--> statement-breakpoint
CREATE INDEX `favourites_status_idx` ON `favourites` (`status_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`account_id` text NOT NULL,
	`key` text NOT NULL,
	`status_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `mentions` (
	`status_id` text NOT NULL,
	`account_id` text NOT NULL,
	PRIMARY KEY(`status_id`, `account_id`)
);
--> statement-breakpoint
CREATE INDEX `mentions_account_idx` ON `mentions` (`account_id`,`status_id`);--> statement-breakpoint
CREATE TABLE `status_edits` (
	`id` text PRIMARY KEY NOT NULL,
	`status_id` text NOT NULL,
	`text` text NOT NULL,
	`content` text NOT NULL,
	`spoiler_text` text NOT NULL,
	`sensitive` integer NOT NULL,
	`media_ids` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `status_edits_status_idx` ON `status_edits` (`status_id`,`id`);--> statement-breakpoint
CREATE TABLE `status_pins` (
	`account_id` text NOT NULL,
	`status_id` text NOT NULL,
	`id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `status_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `status_pins_id_unique` ON `status_pins` (`id`);--> statement-breakpoint
CREATE INDEX `status_pins_status_idx` ON `status_pins` (`status_id`);--> statement-breakpoint
CREATE TABLE `status_tags` (
	`status_id` text NOT NULL,
	`tag_id` text NOT NULL,
	PRIMARY KEY(`status_id`, `tag_id`)
);
--> statement-breakpoint
CREATE INDEX `status_tags_tag_idx` ON `status_tags` (`tag_id`,`status_id`);--> statement-breakpoint
CREATE TABLE `statuses` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`content` text DEFAULT '' NOT NULL,
	`spoiler_text` text DEFAULT '' NOT NULL,
	`sensitive` integer DEFAULT false NOT NULL,
	`visibility` text NOT NULL,
	`language` text,
	`in_reply_to_id` text,
	`in_reply_to_account_id` text,
	`reblog_of_id` text,
	`application_id` text,
	`ai_generated` integer DEFAULT false NOT NULL,
	`replies_count` integer DEFAULT 0 NOT NULL,
	`reblogs_count` integer DEFAULT 0 NOT NULL,
	`favourites_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`edited_at` integer
);
--> statement-breakpoint
CREATE INDEX `statuses_account_idx` ON `statuses` (`account_id`,`id`);--> statement-breakpoint
CREATE INDEX `statuses_reply_idx` ON `statuses` (`in_reply_to_id`);--> statement-breakpoint
CREATE INDEX `statuses_visibility_idx` ON `statuses` (`visibility`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `statuses_reblog_unique` ON `statuses` (`account_id`,`reblog_of_id`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_unique` ON `tags` (`name`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `statuses_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `accounts` ADD `followers_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `accounts` ADD `following_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `accounts` ADD `last_status_at` integer;