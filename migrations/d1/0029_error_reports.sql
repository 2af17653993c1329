CREATE TABLE `error_reports` (
	`fingerprint` text PRIMARY KEY NOT NULL,
	`route` text NOT NULL,
	`method` text NOT NULL,
	`message` text NOT NULL,
	`stack` text,
	`count` integer DEFAULT 1 NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`last_request_id` text NOT NULL
);
