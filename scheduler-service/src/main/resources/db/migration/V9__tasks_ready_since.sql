-- The leader's reconcile, once a second, reads only the tasks made ready since its last one (by another replica);
-- this index finds them without reading every ready task.
create index tasks_ready_since on tasks (ready_at) where status = 'READY';
