DROP INDEX `tasks_user_project_status_idx`;--> statement-breakpoint
DROP INDEX `tasks_agent_idx`;--> statement-breakpoint
DROP INDEX `tasks_board_idx`;--> statement-breakpoint
CREATE INDEX `tasks_project_board_idx` ON `tasks` (`user_id`,`project_id`,`parent_task_id`,`status`,"priority" DESC,`position`,"id" DESC);--> statement-breakpoint
CREATE INDEX `tasks_agent_board_idx` ON `tasks` (`assigned_agent_id`,`user_id`,`parent_task_id`,`status`,"priority" DESC,`position`,"id" DESC);--> statement-breakpoint
CREATE INDEX `tasks_board_idx` ON `tasks` (`user_id`,`parent_task_id`,`status`,"priority" DESC,`position`,"id" DESC);