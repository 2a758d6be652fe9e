-- Pruning asks whether another record still points at an object before deleting it.
create index task_outputs_object_key on task_outputs (object_key) where object_key is not null;
