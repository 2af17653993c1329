CREATE TABLE `home_feed` (
	`account_id` text NOT NULL,
	`status_id` text NOT NULL,
	`author_id` text NOT NULL,
	PRIMARY KEY(`account_id`, `status_id`)
);
--> statement-breakpoint
CREATE INDEX `home_feed_status_idx` ON `home_feed` (`status_id`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `fan_out_on_read` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Existing statuses reach the homes they were in when the timeline was merged at read time.
INSERT OR IGNORE INTO `home_feed` (`account_id`, `status_id`, `author_id`) SELECT `account_id`, `id`, `account_id` FROM `statuses`;--> statement-breakpoint
INSERT OR IGNORE INTO `home_feed` (`account_id`, `status_id`, `author_id`)
  SELECT f.`account_id`, s.`id`, s.`account_id` FROM `follows` f JOIN `statuses` s ON s.`account_id` = f.`target_id`
  WHERE s.`visibility` <> 'direct' OR EXISTS (SELECT 1 FROM `mentions` m WHERE m.`status_id` = s.`id` AND m.`account_id` = f.`account_id`);
