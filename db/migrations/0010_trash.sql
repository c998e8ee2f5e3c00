DROP INDEX `agents_user_name_unique`;--> statement-breakpoint
ALTER TABLE `agents` ADD `deleted_at` text;--> statement-breakpoint
CREATE INDEX `agents_trash_idx` ON `agents` (`user_id`,`deleted_at`) WHERE "agents"."deleted_at" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `agents_user_name_unique` ON `agents` (`user_id`,`name`) WHERE "agents"."deleted_at" IS NULL;--> statement-breakpoint
ALTER TABLE `projects` ADD `deleted_at` text;--> statement-breakpoint
CREATE INDEX `projects_trash_idx` ON `projects` (`user_id`,`deleted_at`) WHERE "projects"."deleted_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `deleted_at` text;--> statement-breakpoint
CREATE INDEX `tasks_trash_idx` ON `tasks` (`user_id`,`deleted_at`) WHERE "tasks"."deleted_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `deleted_at` text;--> statement-breakpoint
CREATE INDEX `conversations_trash_idx` ON `conversations` (`user_id`,`deleted_at`) WHERE "conversations"."deleted_at" IS NOT NULL;