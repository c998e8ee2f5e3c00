-- usage_rollups follow usage_records in the same transaction, whatever writes the record
-- (per UTC day: `total`, `model`, `project`, `agent`; per UTC month, day = 'YYYY-MM': the same with ':month'):
-- recordRunUsage (insert, or a retried run replacing its numbers), ON DELETE SET NULL when a
-- project, agent or run goes, and the cascade when a user goes. Rows are only ever created
-- while the user exists (so a cascade in progress cannot trip the foreign key); removing a
-- record only decrements, it never inserts.
CREATE TRIGGER `usage_rollups_after_insert` AFTER INSERT ON `usage_records` BEGIN
  INSERT INTO `usage_rollups` (`user_id`, `dimension`, `day`, `key`, `records`, `runs`, `input_tokens`, `output_tokens`, `cache_read_tokens`, `cache_write_tokens`, `cost_usd`)
  SELECT NEW.`user_id`, d.`dimension`, d.`day`, d.`key`, 1, NEW.`run_id` IS NOT NULL,
    NEW.`input_tokens`, NEW.`output_tokens`, NEW.`cache_read_tokens`, NEW.`cache_write_tokens`, NEW.`cost_usd`
  FROM (SELECT 'total' AS `dimension`, substr(NEW.`created_at`, 1, 10) AS `day`, '' AS `key`
    UNION ALL SELECT 'model', substr(NEW.`created_at`, 1, 10), NEW.`model`
    UNION ALL SELECT 'project', substr(NEW.`created_at`, 1, 10), coalesce(NEW.`project_id`, '')
    UNION ALL SELECT 'agent', substr(NEW.`created_at`, 1, 10), coalesce(NEW.`agent_id`, '')
    UNION ALL SELECT 'total:month', substr(NEW.`created_at`, 1, 7), ''
    UNION ALL SELECT 'model:month', substr(NEW.`created_at`, 1, 7), NEW.`model`
    UNION ALL SELECT 'project:month', substr(NEW.`created_at`, 1, 7), coalesce(NEW.`project_id`, '')
    UNION ALL SELECT 'agent:month', substr(NEW.`created_at`, 1, 7), coalesce(NEW.`agent_id`, '')) AS d
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
    AND (`dimension`, `key`) IN (VALUES ('total', ''), ('model', OLD.`model`), ('project', coalesce(OLD.`project_id`, '')), ('agent', coalesce(OLD.`agent_id`, '')));
  UPDATE `usage_rollups` SET
    `records` = `records` - 1,
    `runs` = `runs` - (OLD.`run_id` IS NOT NULL),
    `input_tokens` = `input_tokens` - OLD.`input_tokens`,
    `output_tokens` = `output_tokens` - OLD.`output_tokens`,
    `cache_read_tokens` = `cache_read_tokens` - OLD.`cache_read_tokens`,
    `cache_write_tokens` = `cache_write_tokens` - OLD.`cache_write_tokens`,
    `cost_usd` = `cost_usd` - OLD.`cost_usd`
  WHERE `user_id` = OLD.`user_id` AND `day` = substr(OLD.`created_at`, 1, 7)
    AND (`dimension`, `key`) IN (VALUES ('total:month', ''), ('model:month', OLD.`model`), ('project:month', coalesce(OLD.`project_id`, '')), ('agent:month', coalesce(OLD.`agent_id`, '')));
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
    AND (`dimension`, `key`) IN (VALUES ('total', ''), ('model', OLD.`model`), ('project', coalesce(OLD.`project_id`, '')), ('agent', coalesce(OLD.`agent_id`, '')));
  UPDATE `usage_rollups` SET
    `records` = `records` - 1,
    `runs` = `runs` - (OLD.`run_id` IS NOT NULL),
    `input_tokens` = `input_tokens` - OLD.`input_tokens`,
    `output_tokens` = `output_tokens` - OLD.`output_tokens`,
    `cache_read_tokens` = `cache_read_tokens` - OLD.`cache_read_tokens`,
    `cache_write_tokens` = `cache_write_tokens` - OLD.`cache_write_tokens`,
    `cost_usd` = `cost_usd` - OLD.`cost_usd`
  WHERE `user_id` = OLD.`user_id` AND `day` = substr(OLD.`created_at`, 1, 7)
    AND (`dimension`, `key`) IN (VALUES ('total:month', ''), ('model:month', OLD.`model`), ('project:month', coalesce(OLD.`project_id`, '')), ('agent:month', coalesce(OLD.`agent_id`, '')));
  INSERT INTO `usage_rollups` (`user_id`, `dimension`, `day`, `key`, `records`, `runs`, `input_tokens`, `output_tokens`, `cache_read_tokens`, `cache_write_tokens`, `cost_usd`)
  SELECT NEW.`user_id`, d.`dimension`, d.`day`, d.`key`, 1, NEW.`run_id` IS NOT NULL,
    NEW.`input_tokens`, NEW.`output_tokens`, NEW.`cache_read_tokens`, NEW.`cache_write_tokens`, NEW.`cost_usd`
  FROM (SELECT 'total' AS `dimension`, substr(NEW.`created_at`, 1, 10) AS `day`, '' AS `key`
    UNION ALL SELECT 'model', substr(NEW.`created_at`, 1, 10), NEW.`model`
    UNION ALL SELECT 'project', substr(NEW.`created_at`, 1, 10), coalesce(NEW.`project_id`, '')
    UNION ALL SELECT 'agent', substr(NEW.`created_at`, 1, 10), coalesce(NEW.`agent_id`, '')
    UNION ALL SELECT 'total:month', substr(NEW.`created_at`, 1, 7), ''
    UNION ALL SELECT 'model:month', substr(NEW.`created_at`, 1, 7), NEW.`model`
    UNION ALL SELECT 'project:month', substr(NEW.`created_at`, 1, 7), coalesce(NEW.`project_id`, '')
    UNION ALL SELECT 'agent:month', substr(NEW.`created_at`, 1, 7), coalesce(NEW.`agent_id`, '')) AS d
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
-- Usage recorded before this migration.
INSERT INTO `usage_rollups` (`user_id`, `dimension`, `day`, `key`, `records`, `runs`, `input_tokens`, `output_tokens`, `cache_read_tokens`, `cache_write_tokens`, `cost_usd`)
SELECT `user_id`, `dimension`, `day`, `key`, count(*), sum(`run_id` IS NOT NULL), sum(`input_tokens`), sum(`output_tokens`), sum(`cache_read_tokens`), sum(`cache_write_tokens`), sum(`cost_usd`)
FROM (
  SELECT u.*, substr(u.`created_at`, 1, d.`len`) AS `day`, d.`dimension`,
    CASE d.`base` WHEN 'total' THEN '' WHEN 'model' THEN u.`model` WHEN 'project' THEN coalesce(u.`project_id`, '') ELSE coalesce(u.`agent_id`, '') END AS `key`
  FROM `usage_records` AS u, (SELECT 'total' AS `base`, 'total' AS `dimension`, 10 AS `len` UNION ALL SELECT 'model', 'model', 10 UNION ALL SELECT 'project', 'project', 10
    UNION ALL SELECT 'agent', 'agent', 10 UNION ALL SELECT 'total', 'total:month', 7 UNION ALL SELECT 'model', 'model:month', 7
    UNION ALL SELECT 'project', 'project:month', 7 UNION ALL SELECT 'agent', 'agent:month', 7) AS d
)
GROUP BY `user_id`, `dimension`, `day`, `key`;
