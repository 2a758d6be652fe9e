#!/usr/bin/env bash
# The scheduler's benchmarks on the local stack, in one run (see README.md):
#   fan-out   one run of 2,000 independent `true` tasks: tasks/s from submit to run end
#   chain     one run of 200 sequential `true` tasks: the hop from one task's end to the next one's start
#   recovery  the scheduler killed with SIGKILL while a run of 1,000 tasks is under way, and started again:
#             the time from the kill until it dispatches again
#   baseline  the same 2,000 `true` processes run by xargs -P <the workers' slots>
#
#   bench/scheduler/run.sh            # starts the stack if needed (deploy/local/stack up), leaves it running
#   FANOUT=500 CHAIN=50 RECOVERY=300 bench/scheduler/run.sh
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

echo "machine: $(nproc) cores; workers: $workers x $slots slots"
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
