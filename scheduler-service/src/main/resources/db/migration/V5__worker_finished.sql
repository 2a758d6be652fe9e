-- A worker says when an attempt ended on it; from then on the attempt's lease waits for its result to be recorded
-- (the state-service may be restarting) instead of calling it lost and running it again.
alter table attempts add column worker_finished_at timestamptz;
alter table attempts add constraint attempts_worker_finished_finite check (worker_finished_at is null or isfinite(worker_finished_at));
