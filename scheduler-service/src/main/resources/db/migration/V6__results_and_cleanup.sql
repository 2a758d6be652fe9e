-- The JSON object a task's latest attempt left in SPOOL_RESULT_FILE, for when conditions; and a run's
-- cleanup_strategy, which the state-service asks for before it prunes.
alter table tasks add column result text;
alter table runs add column cleanup text;
