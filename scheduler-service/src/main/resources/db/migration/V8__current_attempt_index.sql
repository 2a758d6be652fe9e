-- A worker's Started event and each heartbeat find their task by its current attempt. Without this index each
-- one scanned every task the history holds, while holding its run's lock.
create index tasks_current_attempt on tasks (current_attempt_id) where current_attempt_id is not null;
