CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"key" text NOT NULL,
	"data" jsonb NOT NULL,
	"next_data" jsonb,
	"state" text DEFAULT 'pending' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"repeat_every_ms" integer,
	"lease_id" uuid,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_state_valid" CHECK ("jobs"."state" in ('pending', 'active', 'done', 'dead')),
	CONSTRAINT "jobs_max_attempts_positive" CHECK ("jobs"."max_attempts" >= 1),
	CONSTRAINT "jobs_repeat_every_positive" CHECK ("jobs"."repeat_every_ms" is null or "jobs"."repeat_every_ms" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_open_queue_key_unique" ON "jobs" USING btree ("queue","key") WHERE "jobs"."state" in ('pending', 'active');--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_active_key_unique" ON "jobs" USING btree ("key") WHERE "jobs"."state" = 'active';--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("queue","run_at","id") WHERE "jobs"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "jobs_lease_idx" ON "jobs" USING btree ("locked_until") WHERE "jobs"."state" = 'active';--> statement-breakpoint
CREATE INDEX "jobs_finished_idx" ON "jobs" USING btree ("finished_at") WHERE "jobs"."state" in ('done', 'dead');