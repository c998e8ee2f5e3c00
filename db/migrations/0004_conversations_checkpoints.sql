DROP INDEX `messages_conversation_idx`;--> statement-breakpoint
ALTER TABLE `messages` ADD `run_id` text REFERENCES agent_runs(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `messages` ADD `tool_name` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `tool_input` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `status` text DEFAULT 'sent' NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `position` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `messages_run_idx` ON `messages` (`run_id`);--> statement-breakpoint
CREATE INDEX `messages_conversation_idx` ON `messages` (`conversation_id`,`position`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `status` text DEFAULT 'idle' NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `fork_session` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `head_checkpoint_id` text;--> statement-breakpoint
ALTER TABLE `checkpoints` ADD `conversation_id` text REFERENCES conversations(id) ON DELETE cascade;--> statement-breakpoint
ALTER TABLE `checkpoints` ADD `message_id` text REFERENCES messages(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `checkpoints` ADD `manifest_hash` text REFERENCES checkpoint_blobs(hash);--> statement-breakpoint
ALTER TABLE `checkpoints` ADD `file_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `checkpoints` ADD `total_bytes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `checkpoints_conversation_idx` ON `checkpoints` (`conversation_id`);