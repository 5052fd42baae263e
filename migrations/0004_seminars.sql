CREATE TABLE `poll_votes` (
	`poll_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`stance` text NOT NULL,
	`reason` text,
	`voted_at` integer NOT NULL,
	PRIMARY KEY(`poll_id`, `user_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `polls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debate_id` integer NOT NULL,
	`block_id` integer,
	`before_id` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_by` integer,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`debate_id`) REFERENCES `debates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`block_id`) REFERENCES `blocks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`before_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `polls_debate_id_opened_at_idx` ON `polls` (`debate_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `speaker_queue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debate_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`block_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`raised_at` integer NOT NULL,
	`called_at` integer,
	`done_at` integer,
	FOREIGN KEY (`debate_id`) REFERENCES `debates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`block_id`) REFERENCES `blocks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `speaker_queue_debate_id_status_idx` ON `speaker_queue` (`debate_id`,`status`);--> statement-breakpoint
ALTER TABLE `debate_members` ADD `pseudonym` text;--> statement-breakpoint
ALTER TABLE `debate_members` ADD `display_name` text;--> statement-breakpoint
ALTER TABLE `debates` ADD `phase` text;--> statement-breakpoint
ALTER TABLE `debates` ADD `anonymous` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `debates` ADD `spotlight` text;--> statement-breakpoint
ALTER TABLE `debates` ADD `join_code` text;--> statement-breakpoint
ALTER TABLE `debates` ADD `join_code_expires_at` integer;--> statement-breakpoint
ALTER TABLE `debates` ADD `timer_started_at` integer;--> statement-breakpoint
ALTER TABLE `debates` ADD `timer_ends_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `debates_join_code_idx` ON `debates` (`join_code`);--> statement-breakpoint
ALTER TABLE `users` ADD `guest_debate_id` integer REFERENCES debates(id) ON DELETE cascade;--> statement-breakpoint
CREATE INDEX `users_guest_debate_id_idx` ON `users` (`guest_debate_id`);