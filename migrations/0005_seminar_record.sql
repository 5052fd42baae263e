CREATE TABLE `grades` (
	`debate_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`adjusted` real,
	`comment` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`debate_id`, `user_id`),
	FOREIGN KEY (`debate_id`) REFERENCES `debates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `grading_rules` (
	`debate_id` integer PRIMARY KEY NOT NULL,
	`arguments` integer NOT NULL,
	`replies` integer NOT NULL,
	`mode` text NOT NULL,
	`points` integer NOT NULL,
	`released_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`debate_id`) REFERENCES `debates`(`id`) ON UPDATE no action ON DELETE cascade
);
