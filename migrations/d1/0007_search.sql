-- Full-text search (FTS5), written by hand: drizzle-kit does not model virtual tables.
-- Each index is a standalone FTS5 table keyed by the row's id (UNINDEXED), kept in step with
-- its table by triggers, so every write path (API, demo data, later imports) is covered.
CREATE VIRTUAL TABLE `statuses_fts` USING fts5(status_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE VIRTUAL TABLE `accounts_fts` USING fts5(account_id UNINDEXED, username, display_name, note, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE TRIGGER `statuses_fts_insert` AFTER INSERT ON `statuses` WHEN NEW.reblog_of_id IS NULL BEGIN
  INSERT INTO statuses_fts (status_id, text) VALUES (NEW.id, NEW.spoiler_text || ' ' || NEW.text);
END;
--> statement-breakpoint
CREATE TRIGGER `statuses_fts_update` AFTER UPDATE OF text, spoiler_text ON `statuses` BEGIN
  DELETE FROM statuses_fts WHERE status_id = OLD.id;
  INSERT INTO statuses_fts (status_id, text) SELECT NEW.id, NEW.spoiler_text || ' ' || NEW.text WHERE NEW.reblog_of_id IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `statuses_fts_delete` AFTER DELETE ON `statuses` BEGIN
  DELETE FROM statuses_fts WHERE status_id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_fts_insert` AFTER INSERT ON `accounts` BEGIN
  INSERT INTO accounts_fts (account_id, username, display_name, note) VALUES (NEW.id, NEW.username, NEW.display_name, NEW.note);
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_fts_update` AFTER UPDATE OF username, display_name, note ON `accounts` BEGIN
  DELETE FROM accounts_fts WHERE account_id = OLD.id;
  INSERT INTO accounts_fts (account_id, username, display_name, note) VALUES (NEW.id, NEW.username, NEW.display_name, NEW.note);
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_fts_delete` AFTER DELETE ON `accounts` BEGIN
  DELETE FROM accounts_fts WHERE account_id = OLD.id;
END;
--> statement-breakpoint
INSERT INTO accounts_fts (account_id, username, display_name, note) SELECT id, username, display_name, note FROM accounts;
--> statement-breakpoint
INSERT INTO statuses_fts (status_id, text) SELECT id, spoiler_text || ' ' || text FROM statuses WHERE reblog_of_id IS NULL;
