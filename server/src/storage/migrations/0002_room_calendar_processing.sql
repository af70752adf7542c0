ALTER TABLE "rooms" ADD COLUMN "rewrites_subjects" boolean;--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "rewrites_subjects_seen_at" timestamp with time zone;