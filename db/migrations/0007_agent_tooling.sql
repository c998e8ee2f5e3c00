CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`link` text,
	`read_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
ALTER TABLE `agents` ADD `mcp_server_ids` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `mcp_servers` ADD `transport` text DEFAULT 'stdio' NOT NULL;--> statement-breakpoint
ALTER TABLE `mcp_servers` ADD `url` text;--> statement-breakpoint
ALTER TABLE `mcp_servers` ADD `headers` text DEFAULT '{}' NOT NULL;