CREATE TABLE `agent_mention_replies` (
	`agent_id` text NOT NULL,
	`status_id` text NOT NULL,
	`outcome` text NOT NULL,
	`reply_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`agent_id`, `status_id`)
);
--> statement-breakpoint
CREATE INDEX `agent_mention_replies_recent_idx` ON `agent_mention_replies` (`agent_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `agent_sessions` (
	`agent_id` text NOT NULL,
	`person_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`agent_id`, `person_id`)
);
--> statement-breakpoint
CREATE INDEX `agent_sessions_person_idx` ON `agent_sessions` (`person_id`);