CREATE TABLE "booking_intents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organizer_email" text NOT NULL,
	"mailbox" text NOT NULL,
	"workplace_reservation_id" text NOT NULL,
	"lines" jsonb NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'held' NOT NULL,
	"matched_booking_link_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_intents_mailbox_lower_case" CHECK ("booking_intents"."mailbox" = lower("booking_intents"."mailbox")),
	CONSTRAINT "booking_intents_organizer_lower_case" CHECK ("booking_intents"."organizer_email" = lower("booking_intents"."organizer_email")),
	CONSTRAINT "booking_intents_status_valid" CHECK ("booking_intents"."status" in ('held', 'matched', 'released')),
	CONSTRAINT "booking_intents_end_after_start" CHECK ("booking_intents"."end_at" > "booking_intents"."start_at")
);
--> statement-breakpoint
CREATE TABLE "booking_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mailbox" text NOT NULL,
	"graph_event_id" text NOT NULL,
	"ical_uid" text NOT NULL,
	"series_master_event_id" text,
	"occurrence_original_start" timestamp with time zone,
	"workplace_reservation_id" text NOT NULL,
	"workplace_line_id" text NOT NULL,
	"graph_change_key" text NOT NULL,
	"workplace_version" text NOT NULL,
	"graph_hash" text NOT NULL,
	"workplace_hash" text NOT NULL,
	"origin" text NOT NULL,
	"is_cancelled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_links_mailbox_event_unique" UNIQUE("mailbox","graph_event_id"),
	CONSTRAINT "booking_links_reservation_line_occurrence_unique" UNIQUE NULLS NOT DISTINCT("workplace_reservation_id","workplace_line_id","occurrence_original_start"),
	CONSTRAINT "booking_links_mailbox_lower_case" CHECK ("booking_links"."mailbox" = lower("booking_links"."mailbox")),
	CONSTRAINT "booking_links_origin_valid" CHECK ("booking_links"."origin" in ('exchange', 'workplace'))
);
--> statement-breakpoint
CREATE TABLE "delta_cursors" (
	"source" text NOT NULL,
	"scope" text NOT NULL,
	"cursor" text NOT NULL,
	"window_start" timestamp with time zone,
	"window_end" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delta_cursors_pk" PRIMARY KEY("source","scope"),
	CONSTRAINT "delta_cursors_source_valid" CHECK ("delta_cursors"."source" in ('graph', 'workplace'))
);
--> statement-breakpoint
CREATE TABLE "failed_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"error" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "graph_notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"subscription_id" text NOT NULL,
	"mailbox" text,
	"change_type" text,
	"lifecycle_event" text,
	"resource" text,
	"payload" jsonb NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workplace_area_id" text NOT NULL,
	"mailbox" text NOT NULL,
	"display_name" text NOT NULL,
	"building_id" text NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rooms_workplace_area_id_unique" UNIQUE("workplace_area_id"),
	CONSTRAINT "rooms_mailbox_unique" UNIQUE("mailbox"),
	CONSTRAINT "rooms_mailbox_lower_case" CHECK ("rooms"."mailbox" = lower("rooms"."mailbox"))
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"mailbox" text NOT NULL,
	"resource" text NOT NULL,
	"client_state_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"last_notification_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_mailbox_lower_case" CHECK ("subscriptions"."mailbox" = lower("subscriptions"."mailbox")),
	CONSTRAINT "subscriptions_status_valid" CHECK ("subscriptions"."status" in ('active', 'reauthorization-required', 'removed', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "sync_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"mailbox" text,
	"booking_link_id" uuid,
	"direction" text NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"details" jsonb,
	CONSTRAINT "sync_log_direction_valid" CHECK ("sync_log"."direction" in ('exchange-to-workplace', 'workplace-to-exchange'))
);
--> statement-breakpoint
ALTER TABLE "booking_intents" ADD CONSTRAINT "booking_intents_matched_booking_link_fk" FOREIGN KEY ("matched_booking_link_id") REFERENCES "public"."booking_links"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_log" ADD CONSTRAINT "sync_log_booking_link_fk" FOREIGN KEY ("booking_link_id") REFERENCES "public"."booking_links"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_intents_match_idx" ON "booking_intents" USING btree ("mailbox","start_at") WHERE "booking_intents"."status" = 'held';--> statement-breakpoint
CREATE INDEX "booking_intents_expiry_idx" ON "booking_intents" USING btree ("expires_at") WHERE "booking_intents"."status" = 'held';--> statement-breakpoint
CREATE INDEX "booking_links_ical_uid_idx" ON "booking_links" USING btree ("ical_uid");--> statement-breakpoint
CREATE INDEX "booking_links_series_master_idx" ON "booking_links" USING btree ("mailbox","series_master_event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "failed_items_open_kind_key_unique" ON "failed_items" USING btree ("kind","key") WHERE "failed_items"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "failed_items_due_idx" ON "failed_items" USING btree ("next_attempt_at") WHERE "failed_items"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "graph_notifications_unprocessed_idx" ON "graph_notifications" USING btree ("received_at") WHERE "graph_notifications"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "subscriptions_mailbox_idx" ON "subscriptions" USING btree ("mailbox");--> statement-breakpoint
CREATE INDEX "subscriptions_expires_at_idx" ON "subscriptions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sync_log_mailbox_at_idx" ON "sync_log" USING btree ("mailbox","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sync_log_at_idx" ON "sync_log" USING btree ("at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sync_log_booking_link_idx" ON "sync_log" USING btree ("booking_link_id");