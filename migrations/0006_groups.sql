CREATE TABLE `seminar_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debate_id` integer NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`debate_id`) REFERENCES `debates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seminar_groups_debate_id_position_idx` ON `seminar_groups` (`debate_id`,`position`);--> statement-breakpoint
ALTER TABLE `comments` ADD `group_id` integer REFERENCES seminar_groups(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `debate_members` ADD `group_id` integer REFERENCES seminar_groups(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `debates` ADD `groups` text;