-- Definitions are read once per run and cached; the hot rows of tasks stay small.
create table task_definitions (
    task_row_id uuid primary key references tasks (id) on delete cascade,
    run_id      uuid not null,
    task_id     text not null,
    definition  text not null
);
-- Dependencies became objects ({task, on_failure}); earlier definitions listed task ids under depends_on.
insert into task_definitions (task_row_id, run_id, task_id, definition)
select id, run_id, task_id, ((definition::jsonb - 'depends_on') || jsonb_build_object('dependencies', coalesce(
           (select jsonb_agg(jsonb_build_object('task', d, 'on_failure', jsonb_build_object('action', 'SKIP', 'value', null)))
            from jsonb_array_elements_text(definition::jsonb -> 'depends_on') d), '[]'::jsonb)))::text
from tasks;
create index task_definitions_run on task_definitions (run_id);
alter table tasks drop column definition;

alter table runs add column max_parallel integer;
alter table runs add column paused_at timestamptz;
alter table runs add column cancel_requested_at timestamptz;
alter table runs add column cancel_reason text;
create index runs_created on runs (created_at desc, id desc);
create index runs_finished on runs (finished_at) where finished_at is not null;

-- READY tasks wait in the scheduler for a dispatch slot, highest priority first, then first come first served.
alter table tasks add column priority integer not null default 50;
alter table tasks add column ready_at timestamptz;
-- A retry waits out its backoff: the task is READY but not dispatched before this time.
alter table tasks add column not_before timestamptz;
-- Tries counted against retry.max_attempts; attempts lost to a worker that died or stopped are not.
alter table tasks add column tries integer not null default 0;
alter table tasks add column infra_retries integer not null default 0;
alter table tasks add column iteration integer not null default 0;
alter table tasks add column concurrency_key text;
-- What the user should know about how the task was let through (JSON).
alter table tasks add column notes text;
create index tasks_ready on tasks (priority desc, ready_at) where status = 'READY';
create index tasks_run_status on tasks (run_id, status);

-- The attempts table is the dispatch outbox: an attempt is committed first and published after,
-- and published_attempts records what Kafka acknowledged (below).
alter table attempts add column iteration integer not null default 0;
alter table attempts add column start_by timestamptz;
alter table attempts add column timeout_millis bigint;
alter table attempts add column concurrency_key text;
create index attempts_in_flight on attempts (status) where status in ('QUEUED', 'RUNNING');

-- Workers announce their capacity; the dispatcher keeps the work in flight within what live workers can take.
create table workers (
    id           text primary key,
    capacity     integer     not null,
    running      integer     not null,
    stopping     boolean     not null default false,
    last_seen_at timestamptz not null
);

-- Kafka's acknowledgements are recorded apart from the attempts, so recording one never waits on a lock held by
-- the engine: an attempt without a row here is published again by the next leader.
create table published_attempts (
    attempt_id   uuid primary key references attempts (id) on delete cascade,
    published_at timestamptz not null
);
