#!/usr/bin/env bash
# The scheduler's benchmarks on the local stack, in one run (see README.md), once with PostgreSQL's
# synchronous_commit on (as in production) and once off, each on a freshly started stack:
#   fan-out     one run of FANOUT (1,000) independent `true` tasks: tasks/s from submit to run end, and its
#               throughput over the run (results/fanout-<setting>.csv, plotted in results/fanout-throughput.png)
#   chain       one run of CHAIN (100) sequential `true` tasks: wall time a task, and the hop from one task's end
#               to the next one's start
#   concurrent  RUNS (50) runs of RUN_TASKS (200) `true` tasks submitted together: tasks/s, and how evenly they progress
#   recovery    the scheduler killed with SIGKILL while a run of 1,000 tasks is under way, and started again:
#               the time from the kill until it dispatches again; then the same with a standby replica
#               (scheduler-service-2) running, which takes over instead of a restart
#   baseline    the same FANOUT `true` processes run by xargs -P <the workers' slots>, in the same sitting
#   history     before all of them, the database is made to hold HISTORY (100,000) finished tasks, as a stack in use
#               does (seed-history.sql), so that the figures are those of a database with history, not a fresh one
#
#   bench/scheduler/run.sh                       # both settings; leaves the stack running with synchronous_commit on
#   SETTINGS=on FANOUT=500 CHAIN=50 RUNS=10 RECOVERY=300 HISTORY=0 bench/scheduler/run.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
source deploy/local/java-env.sh
spool_use_jdk

fanout=${FANOUT:-1000}
chain=${CHAIN:-100}
runs=${RUNS:-50}
run_tasks=${RUN_TASKS:-200}
recovery=${RECOVERY:-1000}
workers=${SPOOL_WORKERS:-2}
slots=${SPOOL_WORKER_SLOTS:-8}
history=${HISTORY:-100000}
settings=${SETTINGS:-off on}
work="$root/bench/scheduler/target"
results="$root/bench/scheduler/results"
mkdir -p "$work/classes" "$results"

deploy/local/stack up >/dev/null
lib="$root/deploy/local/launcher/target/lib/*"
"$JAVA_HOME/bin/javac" -nowarn -cp "$lib" -d "$work/classes" bench/LinePlot.java bench/StackCredentials.java bench/scheduler/SchedulerBench.java
bench=("$JAVA_HOME/bin/java" -cp "$lib:$work/classes" SchedulerBench)

export PGPASSWORD=postgres
psql=(psql -h 127.0.0.1 -p "${SPOOL_POSTGRES_PORT:-15432}" -U postgres -d spool -q -t -A)
finished_tasks() {
  "${psql[@]}" -c "select count(*) from scheduler.tasks t join scheduler.runs r on r.id = t.run_id where r.finished_at is not null"
}

for setting in $settings; do
  deploy/local/stack down >/dev/null
  SPOOL_POSTGRES_SYNCHRONOUS_COMMIT=$setting deploy/local/stack up >/dev/null
  held=$(finished_tasks)
  if [ "$held" -lt "$history" ]; then
    "${psql[@]}" -v runs=$(( (history - held + 99) / 100 )) -v tasks_per_run=100 -f bench/scheduler/seed-history.sql
  fi
  echo "== synchronous_commit=$("${psql[@]}" -c 'show synchronous_commit') fsync=$("${psql[@]}" -c 'show fsync')"
  echo "machine: $(nproc) cores; workers: $workers x $slots slots; history: $(finished_tasks) finished tasks in the database"
  # Warm every service's JIT first: a freshly started scheduler spends much of its CPU compiling for its first few
  # thousand tasks (C2 was 40% of its CPU after 4,000), which is not what a scheduler in service does.
  "${bench[@]}" fanout 3000 >/dev/null
  "${bench[@]}" chain 300 >/dev/null
  "${bench[@]}" fanout "$fanout" "$results/fanout-$setting.csv"
  "${bench[@]}" chain "$chain"
  "${bench[@]}" concurrent "$runs" "$run_tasks"

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
  SPOOL_POSTGRES_SYNCHRONOUS_COMMIT=$setting deploy/local/stack up >/dev/null
  echo "scheduler restarted, ready $(( $(date +%s%3N) - killed )) ms after the kill"
  wait "$bench_pid"
  grep "took over dispatching" .spool/logs/scheduler-service.log | tail -1

  # The same kill with a standby replica running, as production runs the scheduler: the standby takes the
  # leader's lock once PostgreSQL sees the dead connection, rebuilds the queue and dispatches; nothing restarts.
  SPOOL_POSTGRES_SYNCHRONOUS_COMMIT=$setting deploy/local/stack start scheduler-service-2 >/dev/null
  rm -f "$signal"
  SPOOL_GATEWAY=http://localhost:$(( ${SPOOL_GATEWAY_PORT:-8080} + 10 )) "${bench[@]}" recovery "$recovery" "$signal" &
  bench_pid=$!
  while [ ! -s "$signal" ]; do sleep 0.1; done
  pid=$(cat .spool/run/scheduler-service.pid)
  killed=$(date +%s%3N)
  kill -9 "$pid"
  echo "$(cat "$signal") $killed" > "$signal"
  echo "standby: the leader killed, scheduler-service-2 takes over"
  wait "$bench_pid"
  grep "took over dispatching" .spool/logs/scheduler-service-2.log | tail -1
  # Back to one replica, the first, for the next setting.
  SPOOL_POSTGRES_SYNCHRONOUS_COMMIT=$setting deploy/local/stack up >/dev/null
  deploy/local/stack stop scheduler-service-2 >/dev/null
done

plotted=()
for setting in $settings; do
  plotted+=("synchronous_commit $setting=$results/fanout-$setting.csv")
done
"${bench[@]}" plot "$results/fanout-throughput.png" "Fan-out of $fanout true tasks: tasks ended per second, from the submit" "${plotted[@]}"
echo "plot: $results/fanout-throughput.png"
