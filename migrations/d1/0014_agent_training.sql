CREATE TABLE `training_chunks` (
	`id` integer PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`file_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`text` text NOT NULL,
	`embedding` blob NOT NULL,
	`dims` integer NOT NULL,
	`provider` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_chunks_file_ordinal_unique` ON `training_chunks` (`file_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `training_chunks_agent_idx` ON `training_chunks` (`agent_id`,`provider`);--> statement-breakpoint
CREATE TABLE `training_files` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`size` integer NOT NULL,
	`r2_key` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`error` text,
	`chunks_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `training_files_agent_idx` ON `training_files` (`agent_id`,`id`);
--> statement-breakpoint
-- Retrieval candidates (FTS5, added by hand: drizzle-kit does not model virtual tables), one
-- row per chunk under the chunk's id as rowid. The agent id is an indexed column, so a query
-- matches `agent_id:<id> AND text:(...)` inside the index instead of filtering every agent's
-- matches. The triggers keep it in step with every write to the chunks.
CREATE VIRTUAL TABLE `training_chunks_fts` USING fts5(agent_id, text, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `training_chunks_fts_insert` AFTER INSERT ON `training_chunks` BEGIN
  INSERT INTO training_chunks_fts (rowid, agent_id, text) VALUES (NEW.id, NEW.agent_id, NEW.text);
END;
--> statement-breakpoint
CREATE TRIGGER `training_chunks_fts_delete` AFTER DELETE ON `training_chunks` BEGIN
  DELETE FROM training_chunks_fts WHERE rowid = OLD.id;
END;
