ALTER TABLE `ideas` ADD `refinement_run_id` text REFERENCES agent_runs(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `task_attempts` ADD `error` text;