-- Full-text search of marketplace listings (FTS5), written by hand: drizzle-kit does not model
-- virtual tables. Kept in step with market_listings by triggers, like 0007_search; the tags are
-- indexed as their JSON text (the tokenizer splits it into the words).
CREATE VIRTUAL TABLE `market_listings_fts` USING fts5(listing_id UNINDEXED, title, description, tags, category, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE TRIGGER `market_listings_fts_insert` AFTER INSERT ON `market_listings` BEGIN
  INSERT INTO market_listings_fts (listing_id, title, description, tags, category) VALUES (NEW.id, NEW.title, NEW.description, NEW.tags, NEW.category);
END;
--> statement-breakpoint
CREATE TRIGGER `market_listings_fts_update` AFTER UPDATE OF title, description, tags, category ON `market_listings` BEGIN
  DELETE FROM market_listings_fts WHERE listing_id = OLD.id;
  INSERT INTO market_listings_fts (listing_id, title, description, tags, category) VALUES (NEW.id, NEW.title, NEW.description, NEW.tags, NEW.category);
END;
--> statement-breakpoint
CREATE TRIGGER `market_listings_fts_delete` AFTER DELETE ON `market_listings` BEGIN
  DELETE FROM market_listings_fts WHERE listing_id = OLD.id;
END;
