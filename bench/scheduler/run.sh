#!/usr/bin/env bash
# The scheduler's benchmarks on the local stack, in one run (see README.md):
#   fan-out   one run of 2,000 independent `true` tasks: tasks/s from submit to run end
#   chain     one run of 200 sequential `true` tasks: the hop from one task's end to the next one's start
#   recovery  the scheduler killed with SIGKILL while a run of 1,000 tasks is under way, and started again:
#             the time from the kill until it dispatches again
#   baseline  the same 2,000 `true` processes run by xargs -P <the workers' slots>
#   history   before all of them, the database is made to hold HISTORY (100,000) finished tasks, as a stack in use
#             does (seed-history.sql), so that the figures are those of a database with history, not a fresh one
#
#   bench/scheduler/run.sh            # starts the stack if needed (deploy/local/stack up), leaves it running
#   FANOUT=500 CHAIN=50 RECOVERY=300 HISTORY=0 bench/scheduler/run.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
source deploy/local/java-env.sh
spool_use_jdk

fanout=${FANOUT:-2000}
chain=${CHAIN:-200}
recovery=${RECOVERY:-1000}
workers=${SPOOL_WORKERS:-2}
slots=${SPOOL_WORKER_SLOTS:-8}
work="$root/bench/scheduler/target"
mkdir -p "$work/classes"

deploy/local/stack up >/dev/null
lib="$root/deploy/local/launcher/target/lib/*"
"$JAVA_HOME/bin/javac" -nowarn -cp "$lib" -d "$work/classes" bench/scheduler/SchedulerBench.java
bench=("$JAVA_HOME/bin/java" -cp "$lib:$work/classes" SchedulerBench)

history=${HISTORY:-100000}
export PGPASSWORD=postgres
psql=(psql -h 127.0.0.1 -p "${SPOOL_POSTGRES_PORT:-15432}" -U postgres -d spool -q -t -A)
finished_tasks() {
  "${psql[@]}" -c "select count(*) from scheduler.tasks t join scheduler.runs r on r.id = t.run_id where r.finished_at is not null"
}
held=$(finished_tasks)
if [ "$held" -lt "$history" ]; then
  "${psql[@]}" -v runs=$(( (history - held + 99) / 100 )) -v tasks_per_run=100 -f bench/scheduler/seed-history.sql
fi

echo "machine: $(nproc) cores; workers: $workers x $slots slots; history: $(finished_tasks) finished tasks in the database"
# Warm the JIT of every service first: the first thousand tasks of a fresh stack run at half speed.
"${bench[@]}" fanout 1000 >/dev/null
"${bench[@]}" chain 50 >/dev/null
"${bench[@]}" fanout "$fanout"
"${bench[@]}" chain "$chain"

parallel=$((workers * slots))
start=$(date +%s.%N)
seq "$fanout" | xargs -P "$parallel" -n 1 sh -c 'true' _
end=$(date +%s.%N)
echo "baseline xargs -P $parallel: $fanout processes seconds=$(echo "$end - $start" | bc)"

signal="$work/recovery.signal"
rm -f "$signal"
"${bench[@]}" recovery "$recovery" "$signal" &
bench_pid=$!
while [ ! -s "$signal" ]; do sleep 0.1; done
pid=$(cat .spool/run/scheduler-service.pid)
killed=$(date +%s%3N)
kill -9 "$pid"
# As a supervisor would: start it again once the old process is gone (and its port free).
while kill -0 "$pid" 2>/dev/null; do sleep 0.01; done
echo "$(cat "$signal") $killed" > "$signal"
deploy/local/stack up >/dev/null
echo "scheduler restarted, ready $(( $(date +%s%3N) - killed )) ms after the kill"
wait "$bench_pid"
grep "took over dispatching" .spool/logs/scheduler-service.log | tail -1
