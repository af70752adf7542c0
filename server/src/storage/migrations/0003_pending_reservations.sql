CREATE TABLE "pending_reservations" (
	"ical_uid" text NOT NULL,
	"mailboxes" jsonb NOT NULL,
	"search_from" timestamp with time zone NOT NULL,
	"search_to" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_reservations_pk" PRIMARY KEY("ical_uid","search_from","search_to")
);
