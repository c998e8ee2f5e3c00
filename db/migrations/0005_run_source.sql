ALTER TABLE `agent_runs` ADD `source` text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE `agent_runs` ADD `source_id` text;--> statement-breakpoint
-- Runs made before this column: attempt steps and refinements are found through what points at them.
UPDATE `agent_runs` SET `source` = 'attempt', `source_id` = (SELECT `attempt_id` FROM `execution_processes` WHERE `run_id` = `agent_runs`.`id` LIMIT 1) WHERE `id` IN (SELECT `run_id` FROM `execution_processes` WHERE `run_id` IS NOT NULL);--> statement-breakpoint
UPDATE `agent_runs` SET `source` = 'refinement', `source_id` = (SELECT `id` FROM `ideas` WHERE `refinement_run_id` = `agent_runs`.`id` LIMIT 1) WHERE `id` IN (SELECT `refinement_run_id` FROM `ideas` WHERE `refinement_run_id` IS NOT NULL);
