CREATE TABLE "grades" (
	"debate_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"adjusted" double precision,
	"comment" text,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "grades_debate_id_user_id_pk" PRIMARY KEY("debate_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "grading_rules" (
	"debate_id" bigint PRIMARY KEY NOT NULL,
	"arguments" bigint NOT NULL,
	"replies" bigint NOT NULL,
	"mode" text NOT NULL,
	"points" bigint NOT NULL,
	"released_at" bigint,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "grades" ADD CONSTRAINT "grades_debate_id_debates_id_fk" FOREIGN KEY ("debate_id") REFERENCES "public"."debates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grades" ADD CONSTRAINT "grades_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_rules" ADD CONSTRAINT "grading_rules_debate_id_debates_id_fk" FOREIGN KEY ("debate_id") REFERENCES "public"."debates"("id") ON DELETE cascade ON UPDATE no action;