CREATE TABLE "change_latencies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"direction" text NOT NULL,
	"seconds" double precision NOT NULL,
	CONSTRAINT "change_latencies_direction_valid" CHECK ("change_latencies"."direction" in ('exchange-to-workplace', 'workplace-to-exchange'))
);
--> statement-breakpoint
CREATE INDEX "change_latencies_at_idx" ON "change_latencies" USING btree ("at");