CREATE TABLE "database_role" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"role" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL
);
