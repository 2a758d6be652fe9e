-- The scheduler's hot-path statements, as Hibernate sends them, explained on the seeded database (see README.md):
--   psql ... -v run="'<a run id>'" -v attempt="'<an attempt id>'" -f bench/scheduler/explain.sql
set search_path = scheduler;
\echo '-- a worker''s Started event: the task by its current attempt'
explain analyze update tasks set status = 'RUNNING', started_at = coalesce(started_at, now())
  where current_attempt_id = :attempt and status = 'QUEUED';
\echo '-- a heartbeat'
explain analyze update attempts set last_heartbeat_at = now(), progress = null
  where id = :attempt and status in ('QUEUED', 'RUNNING');
\echo '-- the dispatcher: the next ready tasks, by priority'
explain analyze select * from tasks where status = 'READY' order by priority desc, ready_at limit 64;
\echo '-- the work in flight, at each reconcile'
explain analyze select * from attempts where status in ('QUEUED', 'RUNNING');
\echo '-- attempts dispatched but not acknowledged by Kafka, for the next leader'
explain analyze select * from attempts a where a.status = 'QUEUED' and a.dispatched_at < now() - interval '5 seconds'
  and not exists (select 1 from published_attempts p where p.attempt_id = a.id) order by a.dispatched_at limit 100;
\echo '-- the runs under way, at start and each reconcile'
explain analyze select * from runs where status in ('RUNNING', 'PAUSED');
\echo '-- a run''s tasks (its view, its DAG)'
explain analyze select * from tasks where run_id = :run order by position;
\echo '-- the statuses in a run, after each batch of ends'
explain analyze select distinct status from tasks where run_id = :run;
\echo '-- some tasks of a run by name (a fan-in''s dependencies)'
explain analyze select * from tasks where run_id = :run and task_id in ('t1', 't2', 't3');
\echo '-- a task''s attempts, newest first'
explain analyze select * from attempts where run_id = :run and task_id = 't1' order by number desc limit 20;
\echo '-- a run''s definitions'
explain analyze select * from task_definitions where run_id = :run;
\echo '-- retention: the oldest finished runs'
explain analyze select * from runs where finished_at < now() - interval '30 days' order by finished_at limit 100;
