CREATE TABLE `live_listeners` (
	`id` text PRIMARY KEY NOT NULL,
	`address` text NOT NULL,
	`port` integer NOT NULL,
	`expires_at` text NOT NULL
);
