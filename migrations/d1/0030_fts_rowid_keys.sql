-- The full-text indexes (0007_search, 0021_market_search) were keyed by an UNINDEXED id column,
-- so every edit or delete of a status, an account or a listing scanned its whole index to find
-- the row: 380 ms for one status at 300,000 statuses, against 18 ms by rowid (the per-route
-- benchmark's slowest route, DELETE /api/v1/statuses/:id at ~1 s p50). Each index's rowid is
-- now its row's id, a number (lib/ids.ts), and the triggers find the row by it. The id column
-- stays for the queries that join on it.
DROP TRIGGER `statuses_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `statuses_fts_update`;
--> statement-breakpoint
DROP TRIGGER `statuses_fts_delete`;
--> statement-breakpoint
DROP TABLE `statuses_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `statuses_fts` USING fts5(status_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE TRIGGER `statuses_fts_insert` AFTER INSERT ON `statuses` WHEN NEW.reblog_of_id IS NULL BEGIN
  INSERT INTO statuses_fts (rowid, status_id, text) VALUES (CAST(NEW.id AS INTEGER), NEW.id, NEW.spoiler_text || ' ' || NEW.text);
END;
--> statement-breakpoint
CREATE TRIGGER `statuses_fts_update` AFTER UPDATE OF text, spoiler_text ON `statuses` BEGIN
  DELETE FROM statuses_fts WHERE rowid = CAST(OLD.id AS INTEGER);
  INSERT INTO statuses_fts (rowid, status_id, text) SELECT CAST(NEW.id AS INTEGER), NEW.id, NEW.spoiler_text || ' ' || NEW.text WHERE NEW.reblog_of_id IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `statuses_fts_delete` AFTER DELETE ON `statuses` BEGIN
  DELETE FROM statuses_fts WHERE rowid = CAST(OLD.id AS INTEGER);
END;
--> statement-breakpoint
INSERT INTO statuses_fts (rowid, status_id, text) SELECT CAST(id AS INTEGER), id, spoiler_text || ' ' || text FROM `statuses` WHERE reblog_of_id IS NULL;
--> statement-breakpoint
DROP TRIGGER `accounts_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `accounts_fts_update`;
--> statement-breakpoint
DROP TRIGGER `accounts_fts_delete`;
--> statement-breakpoint
DROP TABLE `accounts_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `accounts_fts` USING fts5(account_id UNINDEXED, username, display_name, note, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE TRIGGER `accounts_fts_insert` AFTER INSERT ON `accounts` BEGIN
  INSERT INTO accounts_fts (rowid, account_id, username, display_name, note) VALUES (CAST(NEW.id AS INTEGER), NEW.id, NEW.username, NEW.display_name, NEW.note);
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_fts_update` AFTER UPDATE OF username, display_name, note ON `accounts` BEGIN
  DELETE FROM accounts_fts WHERE rowid = CAST(OLD.id AS INTEGER);
  INSERT INTO accounts_fts (rowid, account_id, username, display_name, note) VALUES (CAST(NEW.id AS INTEGER), NEW.id, NEW.username, NEW.display_name, NEW.note);
END;
--> statement-breakpoint
CREATE TRIGGER `accounts_fts_delete` AFTER DELETE ON `accounts` BEGIN
  DELETE FROM accounts_fts WHERE rowid = CAST(OLD.id AS INTEGER);
END;
--> statement-breakpoint
INSERT INTO accounts_fts (rowid, account_id, username, display_name, note) SELECT CAST(id AS INTEGER), id, username, display_name, note FROM `accounts`;
--> statement-breakpoint
DROP TRIGGER `market_listings_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `market_listings_fts_update`;
--> statement-breakpoint
DROP TRIGGER `market_listings_fts_delete`;
--> statement-breakpoint
DROP TABLE `market_listings_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `market_listings_fts` USING fts5(listing_id UNINDEXED, title, description, tags, category, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE TRIGGER `market_listings_fts_insert` AFTER INSERT ON `market_listings` BEGIN
  INSERT INTO market_listings_fts (rowid, listing_id, title, description, tags, category) VALUES (CAST(NEW.id AS INTEGER), NEW.id, NEW.title, NEW.description, NEW.tags, NEW.category);
END;
--> statement-breakpoint
CREATE TRIGGER `market_listings_fts_update` AFTER UPDATE OF title, description, tags, category ON `market_listings` BEGIN
  DELETE FROM market_listings_fts WHERE rowid = CAST(OLD.id AS INTEGER);
  INSERT INTO market_listings_fts (rowid, listing_id, title, description, tags, category) VALUES (CAST(NEW.id AS INTEGER), NEW.id, NEW.title, NEW.description, NEW.tags, NEW.category);
END;
--> statement-breakpoint
CREATE TRIGGER `market_listings_fts_delete` AFTER DELETE ON `market_listings` BEGIN
  DELETE FROM market_listings_fts WHERE rowid = CAST(OLD.id AS INTEGER);
END;
--> statement-breakpoint
INSERT INTO market_listings_fts (rowid, listing_id, title, description, tags, category) SELECT CAST(id AS INTEGER), id, title, description, tags, category FROM `market_listings`;
