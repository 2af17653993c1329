CREATE TABLE `account_conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`participant_ids` text NOT NULL,
	`status_ids` text NOT NULL,
	`last_status_id` text NOT NULL,
	`unread` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_conversations_unique` ON `account_conversations` (`account_id`,`conversation_id`,`participant_ids`);--> statement-breakpoint
CREATE INDEX `account_conversations_account_idx` ON `account_conversations` (`account_id`,`last_status_id`);--> statement-breakpoint
CREATE INDEX `account_conversations_conversation_idx` ON `account_conversations` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `statuses` ADD `conversation_id` text;