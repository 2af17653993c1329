CREATE TABLE `chat_media` (
	`media_id` text PRIMARY KEY NOT NULL,
	`chat_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `chat_members` (
	`chat_id` text NOT NULL,
	`account_id` text NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`last_read_id` text,
	`read_seq` integer DEFAULT 0 NOT NULL,
	`muted` integer DEFAULT false NOT NULL,
	`joined_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`chat_id`, `account_id`)
);
--> statement-breakpoint
CREATE INDEX `chat_members_account_idx` ON `chat_members` (`account_id`);--> statement-breakpoint
CREATE TABLE `chats` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text,
	`owner_id` text NOT NULL,
	`direct_key` text,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`last_message` text,
	`activity_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chats_direct_unique` ON `chats` (`direct_key`);