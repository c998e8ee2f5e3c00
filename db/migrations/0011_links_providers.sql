DROP INDEX `links_user_created_idx`;--> statement-breakpoint
ALTER TABLE `links` ADD `final_url` text;--> statement-breakpoint
ALTER TABLE `links` ADD `title` text;--> statement-breakpoint
ALTER TABLE `links` ADD `text` text;--> statement-breakpoint
ALTER TABLE `links` ADD `main_topic` text;--> statement-breakpoint
ALTER TABLE `links` ADD `reasons_to_care` text;--> statement-breakpoint
ALTER TABLE `links` ADD `error` text;--> statement-breakpoint
ALTER TABLE `links` ADD `agent_id` text REFERENCES agents(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `links` ADD `run_id` text REFERENCES agent_runs(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `links` ADD `fetched_at` text;--> statement-breakpoint
CREATE INDEX `links_user_id_idx` ON `links` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `links_user_status_idx` ON `links` (`user_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `links_user_domain_idx` ON `links` (`user_id`,`domain`,`id`);--> statement-breakpoint
ALTER TABLE `links` DROP COLUMN `result`;--> statement-breakpoint
ALTER TABLE `projects` ADD `kind` text DEFAULT 'user' NOT NULL;--> statement-breakpoint
ALTER TABLE `usage_records` ADD `provider` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- hand-written: usage by provider (lib/usage/providers.ts). The rollup triggers of 0006_scale are
-- recreated with a `provider` and a `provider:month` dimension, kept the same way as the others.
-- Records made before this migration get their provider from their run's executor (the base URL
-- they used was not kept, so an OpenAI-compatible run counts as `openai`, the provider's default);
-- records whose run was deleted stay '' (no provider). The backfill runs between dropping and
-- recreating the triggers, so it does not move the other dimensions' rollups.
DROP TRIGGER IF EXISTS `usage_rollups_after_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `usage_rollups_after_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `usage_rollups_after_update`;
--> statement-breakpoint
UPDATE `usage_records` SET `provider` = coalesce((SELECT CASE `agent_runs`.`executor` WHEN 'openai-compatible' THEN 'openai' WHEN 'codex' THEN 'openai' WHEN 'anthropic' THEN 'anthropic' WHEN 'claude-code' THEN 'anthropic' WHEN 'gemini' THEN 'google' ELSE '' END FROM `agent_runs` WHERE `agent_runs`.`id` = `usage_records`.`run_id`), '')
WHERE `run_id` IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `usage_rollups_after_insert` AFTER INSERT ON `usage_records` BEGIN
  INSERT INTO `usage_rollups` (`user_id`, `dimension`, `day`, `key`, `records`, `runs`, `input_tokens`, `output_tokens`, `cache_read_tokens`, `cache_write_tokens`, `cost_usd`)
  SELECT NEW.`user_id`, d.`dimension`, d.`day`, d.`key`, 1, NEW.`run_id` IS NOT NULL,
    NEW.`input_tokens`, NEW.`output_tokens`, NEW.`cache_read_tokens`, NEW.`cache_write_tokens`, NEW.`cost_usd`
  FROM (SELECT 'total' AS `dimension`, substr(NEW.`created_at`, 1, 10) AS `day`, '' AS `key`
    UNION ALL SELECT 'model', substr(NEW.`created_at`, 1, 10), NEW.`model`
    UNION ALL SELECT 'project', substr(NEW.`created_at`, 1, 10), coalesce(NEW.`project_id`, '')
    UNION ALL SELECT 'agent', substr(NEW.`created_at`, 1, 10), coalesce(NEW.`agent_id`, '')
    UNION ALL SELECT 'provider', substr(NEW.`created_at`, 1, 10), NEW.`provider`
    UNION ALL SELECT 'total:month', substr(NEW.`created_at`, 1, 7), ''
    UNION ALL SELECT 'model:month', substr(NEW.`created_at`, 1, 7), NEW.`model`
    UNION ALL SELECT 'project:month', substr(NEW.`created_at`, 1, 7), coalesce(NEW.`project_id`, '')
    UNION ALL SELECT 'agent:month', substr(NEW.`created_at`, 1, 7), coalesce(NEW.`agent_id`, '')
    UNION ALL SELECT 'provider:month', substr(NEW.`created_at`, 1, 7), NEW.`provider`) AS d
  WHERE EXISTS (SELECT 1 FROM `users` WHERE `users`.`id` = NEW.`user_id`)
  ON CONFLICT (`user_id`, `dimension`, `day`, `key`) DO UPDATE SET
    `records` = `records` + excluded.`records`,
    `runs` = `runs` + excluded.`runs`,
    `input_tokens` = `input_tokens` + excluded.`input_tokens`,
    `output_tokens` = `output_tokens` + excluded.`output_tokens`,
    `cache_read_tokens` = `cache_read_tokens` + excluded.`cache_read_tokens`,
    `cache_write_tokens` = `cache_write_tokens` + excluded.`cache_write_tokens`,
    `cost_usd` = `cost_usd` + excluded.`cost_usd`;
END;
--> statement-breakpoint
CREATE TRIGGER `usage_rollups_after_delete` AFTER DELETE ON `usage_records` BEGIN
  UPDATE `usage_rollups` SET
    `records` = `records` - 1,
    `runs` = `runs` - (OLD.`run_id` IS NOT NULL),
    `input_tokens` = `input_tokens` - OLD.`input_tokens`,
    `output_tokens` = `output_tokens` - OLD.`output_tokens`,
    `cache_read_tokens` = `cache_read_tokens` - OLD.`cache_read_tokens`,
    `cache_write_tokens` = `cache_write_tokens` - OLD.`cache_write_tokens`,
    `cost_usd` = `cost_usd` - OLD.`cost_usd`
  WHERE `user_id` = OLD.`user_id` AND `day` = substr(OLD.`created_at`, 1, 10)
    AND (`dimension`, `key`) IN (VALUES ('total', ''), ('model', OLD.`model`), ('project', coalesce(OLD.`project_id`, '')), ('agent', coalesce(OLD.`agent_id`, '')), ('provider', OLD.`provider`));
  UPDATE `usage_rollups` SET
    `records` = `records` - 1,
    `runs` = `runs` - (OLD.`run_id` IS NOT NULL),
    `input_tokens` = `input_tokens` - OLD.`input_tokens`,
    `output_tokens` = `output_tokens` - OLD.`output_tokens`,
    `cache_read_tokens` = `cache_read_tokens` - OLD.`cache_read_tokens`,
    `cache_write_tokens` = `cache_write_tokens` - OLD.`cache_write_tokens`,
    `cost_usd` = `cost_usd` - OLD.`cost_usd`
  WHERE `user_id` = OLD.`user_id` AND `day` = substr(OLD.`created_at`, 1, 7)
    AND (`dimension`, `key`) IN (VALUES ('total:month', ''), ('model:month', OLD.`model`), ('project:month', coalesce(OLD.`project_id`, '')), ('agent:month', coalesce(OLD.`agent_id`, '')), ('provider:month', OLD.`provider`));
END;
--> statement-breakpoint
CREATE TRIGGER `usage_rollups_after_update` AFTER UPDATE ON `usage_records` BEGIN
  UPDATE `usage_rollups` SET
    `records` = `records` - 1,
    `runs` = `runs` - (OLD.`run_id` IS NOT NULL),
    `input_tokens` = `input_tokens` - OLD.`input_tokens`,
    `output_tokens` = `output_tokens` - OLD.`output_tokens`,
    `cache_read_tokens` = `cache_read_tokens` - OLD.`cache_read_tokens`,
    `cache_write_tokens` = `cache_write_tokens` - OLD.`cache_write_tokens`,
    `cost_usd` = `cost_usd` - OLD.`cost_usd`
  WHERE `user_id` = OLD.`user_id` AND `day` = substr(OLD.`created_at`, 1, 10)
    AND (`dimension`, `key`) IN (VALUES ('total', ''), ('model', OLD.`model`), ('project', coalesce(OLD.`project_id`, '')), ('agent', coalesce(OLD.`agent_id`, '')), ('provider', OLD.`provider`));
  UPDATE `usage_rollups` SET
    `records` = `records` - 1,
    `runs` = `runs` - (OLD.`run_id` IS NOT NULL),
    `input_tokens` = `input_tokens` - OLD.`input_tokens`,
    `output_tokens` = `output_tokens` - OLD.`output_tokens`,
    `cache_read_tokens` = `cache_read_tokens` - OLD.`cache_read_tokens`,
    `cache_write_tokens` = `cache_write_tokens` - OLD.`cache_write_tokens`,
    `cost_usd` = `cost_usd` - OLD.`cost_usd`
  WHERE `user_id` = OLD.`user_id` AND `day` = substr(OLD.`created_at`, 1, 7)
    AND (`dimension`, `key`) IN (VALUES ('total:month', ''), ('model:month', OLD.`model`), ('project:month', coalesce(OLD.`project_id`, '')), ('agent:month', coalesce(OLD.`agent_id`, '')), ('provider:month', OLD.`provider`));
  INSERT INTO `usage_rollups` (`user_id`, `dimension`, `day`, `key`, `records`, `runs`, `input_tokens`, `output_tokens`, `cache_read_tokens`, `cache_write_tokens`, `cost_usd`)
  SELECT NEW.`user_id`, d.`dimension`, d.`day`, d.`key`, 1, NEW.`run_id` IS NOT NULL,
    NEW.`input_tokens`, NEW.`output_tokens`, NEW.`cache_read_tokens`, NEW.`cache_write_tokens`, NEW.`cost_usd`
  FROM (SELECT 'total' AS `dimension`, substr(NEW.`created_at`, 1, 10) AS `day`, '' AS `key`
    UNION ALL SELECT 'model', substr(NEW.`created_at`, 1, 10), NEW.`model`
    UNION ALL SELECT 'project', substr(NEW.`created_at`, 1, 10), coalesce(NEW.`project_id`, '')
    UNION ALL SELECT 'agent', substr(NEW.`created_at`, 1, 10), coalesce(NEW.`agent_id`, '')
    UNION ALL SELECT 'provider', substr(NEW.`created_at`, 1, 10), NEW.`provider`
    UNION ALL SELECT 'total:month', substr(NEW.`created_at`, 1, 7), ''
    UNION ALL SELECT 'model:month', substr(NEW.`created_at`, 1, 7), NEW.`model`
    UNION ALL SELECT 'project:month', substr(NEW.`created_at`, 1, 7), coalesce(NEW.`project_id`, '')
    UNION ALL SELECT 'agent:month', substr(NEW.`created_at`, 1, 7), coalesce(NEW.`agent_id`, '')
    UNION ALL SELECT 'provider:month', substr(NEW.`created_at`, 1, 7), NEW.`provider`) AS d
  WHERE EXISTS (SELECT 1 FROM `users` WHERE `users`.`id` = NEW.`user_id`)
  ON CONFLICT (`user_id`, `dimension`, `day`, `key`) DO UPDATE SET
    `records` = `records` + excluded.`records`,
    `runs` = `runs` + excluded.`runs`,
    `input_tokens` = `input_tokens` + excluded.`input_tokens`,
    `output_tokens` = `output_tokens` + excluded.`output_tokens`,
    `cache_read_tokens` = `cache_read_tokens` + excluded.`cache_read_tokens`,
    `cache_write_tokens` = `cache_write_tokens` + excluded.`cache_write_tokens`,
    `cost_usd` = `cost_usd` + excluded.`cost_usd`;
END;
--> statement-breakpoint
-- Provider rollups of the usage recorded before this migration.
INSERT INTO `usage_rollups` (`user_id`, `dimension`, `day`, `key`, `records`, `runs`, `input_tokens`, `output_tokens`, `cache_read_tokens`, `cache_write_tokens`, `cost_usd`)
SELECT `user_id`, `dimension`, `day`, `provider`, count(*), sum(`run_id` IS NOT NULL), sum(`input_tokens`), sum(`output_tokens`), sum(`cache_read_tokens`), sum(`cache_write_tokens`), sum(`cost_usd`)
FROM (
  SELECT u.*, substr(u.`created_at`, 1, d.`len`) AS `day`, d.`dimension`
  FROM `usage_records` AS u, (SELECT 'provider' AS `dimension`, 10 AS `len` UNION ALL SELECT 'provider:month', 7) AS d
)
GROUP BY `user_id`, `dimension`, `day`, `provider`;
