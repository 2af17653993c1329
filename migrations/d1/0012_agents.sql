CREATE TABLE `agent_not_interested` (
	`account_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`account_id`, `agent_id`)
);
--> statement-breakpoint
CREATE INDEX `agent_not_interested_agent_idx` ON `agent_not_interested` (`agent_id`);--> statement-breakpoint
CREATE TABLE `agent_transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`from_account_id` text NOT NULL,
	`to_account_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agent_transfers_agent_idx` ON `agent_transfers` (`agent_id`,`id`);--> statement-breakpoint
CREATE TABLE `agent_versions` (
	`agent_id` text NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`changes` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`agent_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `agents` (
	`account_id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`template` text NOT NULL,
	`traits` text DEFAULT '[]' NOT NULL,
	`topics` text DEFAULT '[]' NOT NULL,
	`voice` text DEFAULT '' NOT NULL,
	`catchphrases` text DEFAULT '[]' NOT NULL,
	`boundaries` text DEFAULT '[]' NOT NULL,
	`style` text NOT NULL,
	`visibility` text DEFAULT 'public' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`cadence_minutes` integer NOT NULL,
	`posting_mode` text DEFAULT 'auto' NOT NULL,
	`mention_replies_per_hour` integer DEFAULT 10 NOT NULL,
	`next_post_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agents_owner_idx` ON `agents` (`owner_id`,`account_id`);--> statement-breakpoint
CREATE INDEX `agents_next_post_idx` ON `agents` (`status`,`next_post_at`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `ai_content` text DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE `accounts` ADD `agent_card` text;--> statement-breakpoint
-- Written by hand below: drizzle-kit does not model triggers or data backfills.
-- accounts.agent_card is `account.smile.agent` as JSON, kept in step with agents and
-- agent_versions by these triggers, so every write path (API, demo data, this backfill) is covered.
CREATE TRIGGER `agents_card_insert` AFTER INSERT ON `agents` BEGIN
  UPDATE accounts SET agent_card = (
    SELECT json_object(
      'owner', json_object('id', o.id, 'username', o.username),
      'template', g.template, 'style', g.style, 'visibility', g.visibility, 'status', g.status, 'version', g.version,
      'updated_at', coalesce(v.created_at, g.created_at), 'changes', json(coalesce(v.changes, '[]')))
    FROM agents g JOIN accounts o ON o.id = g.owner_id
    LEFT JOIN agent_versions v ON v.agent_id = g.account_id AND v.version = g.version
    WHERE g.account_id = NEW.account_id)
  WHERE id = NEW.account_id;
END;
--> statement-breakpoint
CREATE TRIGGER `agents_card_update` AFTER UPDATE OF owner_id, template, style, visibility, status, version ON `agents` BEGIN
  UPDATE accounts SET agent_card = (
    SELECT json_object(
      'owner', json_object('id', o.id, 'username', o.username),
      'template', g.template, 'style', g.style, 'visibility', g.visibility, 'status', g.status, 'version', g.version,
      'updated_at', coalesce(v.created_at, g.created_at), 'changes', json(coalesce(v.changes, '[]')))
    FROM agents g JOIN accounts o ON o.id = g.owner_id
    LEFT JOIN agent_versions v ON v.agent_id = g.account_id AND v.version = g.version
    WHERE g.account_id = NEW.account_id)
  WHERE id = NEW.account_id;
END;
--> statement-breakpoint
CREATE TRIGGER `agent_versions_card_insert` AFTER INSERT ON `agent_versions` BEGIN
  UPDATE accounts SET agent_card = (
    SELECT json_object(
      'owner', json_object('id', o.id, 'username', o.username),
      'template', g.template, 'style', g.style, 'visibility', g.visibility, 'status', g.status, 'version', g.version,
      'updated_at', coalesce(v.created_at, g.created_at), 'changes', json(coalesce(v.changes, '[]')))
    FROM agents g JOIN accounts o ON o.id = g.owner_id
    LEFT JOIN agent_versions v ON v.agent_id = g.account_id AND v.version = g.version
    WHERE g.account_id = NEW.agent_id)
  WHERE id = NEW.agent_id;
END;
--> statement-breakpoint
-- Backfill: every existing agent account gets its agents row and version 1. The template is read
-- from the bio the demo data writes ("(Influencer agent by @alice)"), Companion otherwise; the
-- personality is that template's (shared/agents/templates.ts as of this migration).
WITH templates (id, name, traits, topics, voice, catchphrases, boundaries, style, cadence_minutes) AS (VALUES
  ('influencer', 'Influencer', '["enthusiastic","trend-aware","encouraging"]', '["lifestyle","tips","trends"]', 'Warm, energetic and personal, with short punchy sentences and the odd emoji.', '["Let’s go!","Tag a friend who needs this."]', '["medical diagnoses","legal advice","personal data of others","paid promotion without disclosure"]', 'casual', 180),
  ('expert', 'Expert', '["knowledgeable","precise","patient"]', '["your field of expertise"]', 'Clear and exact; explains the why before the how and says so when unsure.', '["Here is the short answer, then the details."]', '["medical diagnoses","legal advice","personal data of others","speculation presented as fact"]', 'professional', 720),
  ('entertainer', 'Entertainer', '["witty","playful","good-natured"]', '["jokes","pop culture","everyday absurdities"]', 'Playful and quick, with puns and callbacks; never mean.', '["I’ll be here all week.","Plot twist:"]', '["medical diagnoses","legal advice","personal data of others","jokes at someone’s expense","politics"]', 'humorous', 240),
  ('educator', 'Educator', '["patient","structured","curious"]', '["learning","facts","how things work"]', 'Friendly teacher: small steps, examples first, a question at the end.', '["Did you know?","Let’s break it down."]', '["medical diagnoses","legal advice","personal data of others","doing homework for students"]', 'formal', 1440),
  ('companion', 'Companion', '["empathetic","supportive","good listener"]', '["everyday life","wellbeing","small joys"]', 'Gentle and warm; asks before advising and remembers what you shared.', '["How are you, really?","One small step counts."]', '["medical diagnoses","legal advice","personal data of others","crisis counselling (points to real help instead)"]', 'casual', 1440),
  ('brand_ambassador', 'Brand ambassador', '["helpful","on-brand","positive"]', '["product news","how-to","customer questions"]', 'Polite and helpful, on-message, always clear about being the brand’s assistant.', '["Happy to help!","Here is what’s new."]', '["medical diagnoses","legal advice","personal data of others","competitors","pricing promises not on the website"]', 'professional', 720)
)
INSERT INTO agents (account_id, owner_id, template, traits, topics, voice, catchphrases, boundaries, style, cadence_minutes, next_post_at, created_at, updated_at)
SELECT a.id, a.owner_id, t.id, t.traits, t.topics, t.voice, t.catchphrases, t.boundaries, t.style, t.cadence_minutes,
  cast(unixepoch('subsec') * 1000 as integer) + t.cadence_minutes * 60000, a.created_at, a.updated_at
FROM accounts a JOIN templates t ON t.id = coalesce((SELECT n.id FROM templates n WHERE a.note LIKE '%(' || n.name || ' agent%'), 'companion')
WHERE a.kind = 'agent' AND a.owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agents x WHERE x.account_id = a.id);
--> statement-breakpoint
INSERT INTO agent_versions (agent_id, version, snapshot, changes, created_at)
SELECT g.account_id, 1, json_object('display_name', a.display_name, 'note', a.note, 'traits', json(g.traits), 'topics', json(g.topics), 'voice', g.voice,
  'catchphrases', json(g.catchphrases), 'boundaries', json(g.boundaries), 'style', g.style), '[]', g.created_at
FROM agents g JOIN accounts a ON a.id = g.account_id
WHERE NOT EXISTS (SELECT 1 FROM agent_versions x WHERE x.agent_id = g.account_id);
--> statement-breakpoint
UPDATE accounts SET bot = 1 WHERE kind = 'agent';
