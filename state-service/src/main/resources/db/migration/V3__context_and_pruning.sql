-- TaskOutput records become the seed's: a third output type (the task's result object), the agent label the
-- same-agent rule reads, the stored relevance, when it was last used, and the attempt's usage.
alter table task_outputs drop constraint task_outputs_stream_check;
alter table task_outputs add constraint task_outputs_stream_check check (stream in ('stdout', 'stderr', 'result'));
alter table task_outputs add column agent text;
alter table task_outputs add column relevance_score double precision;
alter table task_outputs add column last_accessed timestamptz;
alter table task_outputs add column usage text;

-- depended_by: the tasks whose context included an output. Goes with the output when it is pruned.
create table output_uses (
    output_id uuid not null references task_outputs (id) on delete cascade,
    task_id   text not null,
    primary key (output_id, task_id)
);

-- Listing a run's outputs pages by completion; recency and LRU pruning read these too.
create index task_outputs_run_completed on task_outputs (run_id, completed_at, task_id, attempt, stream);
create index task_outputs_run_agent on task_outputs (run_id, agent) where agent is not null;

-- What pruning removed, as ranges of attempts per task, stream and strategy: a loop of 10,000 iterations pruned by
-- most_recent leaves one row per stream, not 20,000. A pruned output answers 410 from these.
create table pruned_outputs (
    id            uuid primary key,
    run_id        uuid        not null,
    task_id       text        not null,
    stream        text        not null,
    strategy      text        not null,
    first_attempt integer     not null,
    last_attempt  integer     not null,
    outputs       bigint      not null,
    bytes         bigint      not null,
    last_pruned_at timestamptz not null,
    check (first_attempt <= last_attempt)
);
create index pruned_outputs_lookup on pruned_outputs (run_id, task_id, stream, last_attempt);

-- Objects whose records were pruned, deleted from the bucket after the pruning commits, and tried again until
-- they are: nothing pruned leaves an object behind, and no failure loses the order.
create table object_deletions (
    object_key   text primary key,
    run_id       uuid        not null,
    requested_at timestamptz not null,
    tries        integer     not null default 0,
    next_try_at  timestamptz not null,
    last_error   text
);
create index object_deletions_due on object_deletions (next_try_at);

-- Per run: what the pruning triggers count, what pruning did, and the warnings the run should show.
-- housekeeping_due: results were recorded since the run's relevance and pruning were last looked at; a sweep
-- catches up on every run left due (the scheduler was away, the service restarted).
create table run_context (
    run_id              uuid primary key,
    outputs_since_prune integer     not null default 0,
    housekeeping_due    boolean     not null default false,
    outputs_recorded    bigint      not null default 0,
    summarized_outputs  bigint      not null default 0,
    prune_passes        bigint      not null default 0,
    pruned_outputs      bigint      not null default 0,
    pruned_bytes        bigint      not null default 0,
    last_pruned_at      timestamptz,
    warnings            text        not null default '[]',
    updated_at          timestamptz not null default now()
);
create index run_context_due on run_context (updated_at) where housekeeping_due;

-- The context document each task received at its latest attempt, for GET .../tasks/{id}/context: one row per task,
-- replaced at each attempt, so a loop leaves one.
create table context_deliveries (
    run_id       uuid        not null,
    task_id      text        not null,
    attempt      integer     not null,
    document     text        not null,
    delivered_at timestamptz not null,
    primary key (run_id, task_id)
);
