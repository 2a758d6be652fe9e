-- Where the gateway reaches a worker to follow a running attempt's output, as the worker announces it.
alter table workers add column address text;
