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
