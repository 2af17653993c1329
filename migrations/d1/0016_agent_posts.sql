CREATE TABLE `agent_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`slot_at` integer NOT NULL,
	`state` text DEFAULT 'claimed' NOT NULL,
	`text` text,
	`topic` text,
	`moderation_action` text,
	`moderation_reason` text,
	`status_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_posts_slot_unique` ON `agent_posts` (`agent_id`,`slot_at`);--> statement-breakpoint
CREATE INDEX `agent_posts_agent_state_idx` ON `agent_posts` (`agent_id`,`state`,`id`);