-- History for the scheduler's benchmarks: :runs finished runs of :tasks_per_run finished tasks each, one attempt a
-- task, as a stack that has been in use holds them. Rows look like the engine's own (statuses, times, definitions,
-- published attempts), so that the planner sees the same shapes it sees in production.
--   psql ... -v runs=1000 -v tasks_per_run=100 -f bench/scheduler/seed-history.sql
set search_path = scheduler;
begin;

create temporary table seeded_runs on commit drop as
select gen_random_uuid() as id, n, now() - interval '2 days' + n * interval '1 second' as created_at
from generate_series(1, :runs) n;

insert into runs (id, tenant, name, status, source, source_format, created_at, finished_at)
select id, 'default', 'history-' || n, case when n % 10 = 0 then 'FAILED' else 'SUCCEEDED' end,
       '{"name":"history-' || n || '","tasks":[]}', 'json', created_at, created_at + interval '30 seconds'
from seeded_runs;

create temporary table seeded_tasks on commit drop as
select gen_random_uuid() as id, gen_random_uuid() as attempt_id, r.id as run_id, 't' || p as task_id, p as position,
       r.created_at, case when r.n % 10 = 0 and p = 1 then 'FAILED' else 'SUCCEEDED' end as status
from seeded_runs r, generate_series(1, :tasks_per_run) p;

insert into tasks (id, run_id, task_id, position, status, attempt, current_attempt_id, exit_code, queued_at, started_at,
                   finished_at, priority, ready_at, tries)
select id, run_id, task_id, position, status, 1, attempt_id, case when status = 'FAILED' then 1 else 0 end,
       created_at, created_at + interval '1 second', created_at + interval '2 seconds', 50, created_at, 1
from seeded_tasks;

insert into task_definitions (task_row_id, run_id, task_id, definition)
select id, run_id, task_id, '{"command":["true"],"dependencies":[]}' from seeded_tasks;

insert into attempts (id, task_row_id, run_id, task_id, number, status, worker_id, exit_code, dispatched_at, started_at,
                      finished_at, last_heartbeat_at)
select attempt_id, id, run_id, task_id, 1, status, 'history-worker', case when status = 'FAILED' then 1 else 0 end,
       created_at, created_at + interval '1 second', created_at + interval '2 seconds', created_at + interval '2 seconds'
from seeded_tasks;

insert into published_attempts (attempt_id, published_at)
select attempt_id, created_at from seeded_tasks;

commit;
analyze runs;
analyze tasks;
analyze task_definitions;
analyze attempts;
analyze published_attempts;
