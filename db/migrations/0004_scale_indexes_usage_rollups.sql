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
CREATE INDEX `agent_runs_user_status_idx` ON `agent_runs` (`user_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `agent_runs_project_idx` ON `agent_runs` (`project_id`,`id`);--> statement-breakpoint
CREATE INDEX `agent_runs_agent_idx` ON `agent_runs` (`agent_id`,`id`);--> statement-breakpoint
DROP INDEX `tasks_project_idx`;--> statement-breakpoint
CREATE INDEX `tasks_user_parent_idx` ON `tasks` (`user_id`,`parent_task_id`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_project_idx` ON `tasks` (`project_id`,`parent_task_id`,`id`);