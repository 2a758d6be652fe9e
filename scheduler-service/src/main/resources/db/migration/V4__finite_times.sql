-- Times derived from a workflow's durations once overflowed to 'infinity', which no reader could map, and which
-- stopped dispatching for everyone. Validation now bounds every duration; the database refuses such times too, so
-- that a bug elsewhere fails one claim (and its task is quarantined) instead of every later read.
update attempts set start_by = dispatched_at + interval '7 days' where start_by is not null and not isfinite(start_by);
update tasks set not_before = ready_at where not_before is not null and not isfinite(not_before);

alter table attempts add constraint attempts_start_by_finite check (start_by is null or isfinite(start_by));
alter table attempts add constraint attempts_times_finite check (
    isfinite(dispatched_at)
    and (started_at is null or isfinite(started_at))
    and (finished_at is null or isfinite(finished_at))
    and (last_heartbeat_at is null or isfinite(last_heartbeat_at)));
alter table tasks add constraint tasks_not_before_finite check (not_before is null or isfinite(not_before));
alter table tasks add constraint tasks_times_finite check (
    (ready_at is null or isfinite(ready_at))
    and (queued_at is null or isfinite(queued_at))
    and (started_at is null or isfinite(started_at))
    and (finished_at is null or isfinite(finished_at)));
