CREATE TABLE `live_listeners` (
	`id` text PRIMARY KEY NOT NULL,
	`address` text NOT NULL,
	`port` integer NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `run_month_counts` (
	`user_id` text NOT NULL,
	`month` text NOT NULL,
	`runs` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`user_id`, `month`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `usage_rollups` (
	`user_id` text NOT NULL,
	`dimension` text NOT NULL,
	`day` text NOT NULL,
	`key` text NOT NULL,
	`records` integer DEFAULT 0 NOT NULL,
	`runs` integer DEFAULT 0 NOT NULL,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`cache_read_tokens` integer DEFAULT 0 NOT NULL,
	`cache_write_tokens` integer DEFAULT 0 NOT NULL,
	`cost_usd` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`user_id`, `dimension`, `day`, `key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `usage_rollups_dimension_day_idx` ON `usage_rollups` (`dimension`,`day`);--> statement-breakpoint
DROP INDEX `agent_runs_user_status_idx`;--> statement-breakpoint
DROP INDEX `agent_runs_project_idx`;--> statement-breakpoint
DROP INDEX `agent_runs_agent_idx`;--> statement-breakpoint
CREATE INDEX `agent_runs_user_id_idx` ON `agent_runs` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `agent_runs_unpruned_idx` ON `agent_runs` (`user_id`,`completed_at`) WHERE coalesce(json_extract("agent_runs"."output", '$.logPruned'), 0) = 0;--> statement-breakpoint
CREATE INDEX `agent_runs_user_status_idx` ON `agent_runs` (`user_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `agent_runs_project_idx` ON `agent_runs` (`project_id`,`id`);--> statement-breakpoint
CREATE INDEX `agent_runs_agent_idx` ON `agent_runs` (`agent_id`,`id`);--> statement-breakpoint
DROP INDEX `tasks_project_idx`;--> statement-breakpoint
CREATE INDEX `tasks_user_parent_idx` ON `tasks` (`user_id`,`parent_task_id`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_board_idx` ON `tasks` (`user_id`,`parent_task_id`,"priority" DESC,`position`,"id" DESC);--> statement-breakpoint
CREATE INDEX `tasks_project_idx` ON `tasks` (`project_id`,`parent_task_id`,`id`);--> statement-breakpoint
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
--> statement-breakpoint
-- run_month_counts follow agent_runs in the same transaction: the monthly run limit's guard
-- (an INSERT ... SELECT reading the count) and the plan meters read one row per user and month.
-- Rows are created only on insert (its user exists); a delete only decrements.
CREATE TRIGGER `run_month_counts_after_insert` AFTER INSERT ON `agent_runs` BEGIN
  INSERT INTO `run_month_counts` (`user_id`, `month`, `runs`) VALUES (NEW.`user_id`, substr(NEW.`created_at`, 1, 7), 1)
  ON CONFLICT (`user_id`, `month`) DO UPDATE SET `runs` = `runs` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `run_month_counts_after_delete` AFTER DELETE ON `agent_runs` BEGIN
  UPDATE `run_month_counts` SET `runs` = `runs` - 1 WHERE `user_id` = OLD.`user_id` AND `month` = substr(OLD.`created_at`, 1, 7);
END;
--> statement-breakpoint
CREATE TRIGGER `run_month_counts_after_update` AFTER UPDATE OF `created_at`, `user_id` ON `agent_runs`
WHEN substr(OLD.`created_at`, 1, 7) IS NOT substr(NEW.`created_at`, 1, 7) OR OLD.`user_id` IS NOT NEW.`user_id` BEGIN
  UPDATE `run_month_counts` SET `runs` = `runs` - 1 WHERE `user_id` = OLD.`user_id` AND `month` = substr(OLD.`created_at`, 1, 7);
  INSERT INTO `run_month_counts` (`user_id`, `month`, `runs`)
  SELECT NEW.`user_id`, substr(NEW.`created_at`, 1, 7), 1 WHERE EXISTS (SELECT 1 FROM `users` WHERE `users`.`id` = NEW.`user_id`)
  ON CONFLICT (`user_id`, `month`) DO UPDATE SET `runs` = `runs` + 1;
END;
--> statement-breakpoint
-- Runs created before this migration.
INSERT INTO `run_month_counts` (`user_id`, `month`, `runs`)
SELECT `user_id`, substr(`created_at`, 1, 7), count(*) FROM `agent_runs` GROUP BY 1, 2;
