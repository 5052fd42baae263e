-- The limits per user and per address that every app server shares (server/plugins/app/shared-limits.ts):
-- one row per limited key, its state as JSON. Unlogged: losing the limits in a crash costs nothing.
CREATE UNLOGGED TABLE rate_limits (
  key text PRIMARY KEY,
  state text NOT NULL,
  expires_at bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX rate_limits_expires_at_idx ON rate_limits (expires_at);
