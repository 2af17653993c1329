CREATE TABLE `push_deliveries` (
	`subscription_id` text NOT NULL,
	`notification_id` text NOT NULL,
	`delivered_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`subscription_id`, `notification_id`)
);
--> statement-breakpoint
CREATE INDEX `push_deliveries_time_idx` ON `push_deliveries` (`delivered_at`);--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`account_id` text NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`alerts` text NOT NULL,
	`policy` text DEFAULT 'all' NOT NULL,
	`access_token` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscriptions_session_unique` ON `push_subscriptions` (`session_id`);--> statement-breakpoint
CREATE INDEX `push_subscriptions_account_idx` ON `push_subscriptions` (`account_id`);--> statement-breakpoint
-- A subscription lives as long as its token's session: revoking or deleting the session (logout,
-- password change, OAuth revoke, erasure, housekeeping) deletes it, whatever the write path.
CREATE TRIGGER `sessions_revoked_push` AFTER UPDATE OF revoked_at ON `sessions` WHEN NEW.revoked_at IS NOT NULL BEGIN
  DELETE FROM push_subscriptions WHERE session_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `sessions_deleted_push` AFTER DELETE ON `sessions` BEGIN
  DELETE FROM push_subscriptions WHERE session_id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `push_subscriptions_deleted` AFTER DELETE ON `push_subscriptions` BEGIN
  DELETE FROM push_deliveries WHERE subscription_id = OLD.id;
END;
