CREATE TABLE `paragraph_counts` (
	`debate_id` integer NOT NULL,
	`block_id` integer NOT NULL,
	`comments` integer DEFAULT 0 NOT NULL,
	`pro` integer DEFAULT 0 NOT NULL,
	`contra` integer DEFAULT 0 NOT NULL,
	`neutral` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`debate_id`, `block_id`),
	FOREIGN KEY (`debate_id`) REFERENCES `debates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`block_id`) REFERENCES `blocks`(`id`) ON UPDATE no action ON DELETE no action
);
