CREATE TABLE "meeting_locks" (
	"ical_uid" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roomless_reservations" (
	"reservation_id" text PRIMARY KEY NOT NULL,
	"ical_uid" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL
);
