CREATE TABLE `e2ee_devices` (
	`device_id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`public_key` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `e2ee_devices_account_idx` ON `e2ee_devices` (`account_id`);--> statement-breakpoint
ALTER TABLE `chats` ADD `encrypted` integer DEFAULT false NOT NULL;