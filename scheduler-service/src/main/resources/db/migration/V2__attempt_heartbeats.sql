-- The latest heartbeat of a running attempt: when, and what it had printed and used by then (JSON).
alter table attempts add column last_heartbeat_at timestamptz;
alter table attempts add column progress text;
