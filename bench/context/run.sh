#!/usr/bin/env bash
# The state tier's benchmarks on the local stack (see README.md), on a database that holds history:
#   history   HISTORY_RUNS (2000) finished runs of 100 outputs each written to state.task_outputs first
#   context   the context of a task with UPSTREAM (1000) upstream outputs, built REQUESTS (200) times
#   record    RATES (100 250 500) results/s for SECONDS_ (30) s each through Kafka: receipt to OutputRecorded
#   loop      a loop of LOOP (10000) iterations, keep_count 20: the state-service's RSS, rows and objects
#
#   bench/context/run.sh                  # starts the stack if needed (deploy/local/stack up), leaves it running
#   LOOP=1000 HISTORY_RUNS=0 bench/context/run.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
source deploy/local/java-env.sh
spool_use_jdk

work="$root/bench/context/target"
mkdir -p "$work/classes" "$root/bench/context/results"
deploy/local/stack up >/dev/null
lib="$root/deploy/local/launcher/target/lib/*"
"$JAVA_HOME/bin/javac" -nowarn -cp "$lib" -d "$work/classes" bench/StackCredentials.java bench/context/ContextBench.java
bench=("$JAVA_HOME/bin/java" -cp "$lib:$work/classes" ContextBench)

echo "machine: $(nproc) cores"
if [ "${HISTORY_RUNS:-2000}" -gt 0 ]; then
  "${bench[@]}" history "${HISTORY_RUNS:-2000}" 100
fi
# Warm the state-service's JIT first.
"${bench[@]}" context 100 100 >/dev/null
"${bench[@]}" context "${UPSTREAM:-1000}" "${REQUESTS:-200}"
"${bench[@]}" record 50 10 >/dev/null
for rate in ${RATES:-100 250 500}; do
  "${bench[@]}" record "$rate" "${SECONDS_:-30}"
done
"${bench[@]}" loop "${LOOP:-10000}" "$root/.spool/run" "$root/.spool/s3/data/spool-outputs" | tee "$root/bench/context/results/loop.csv"
