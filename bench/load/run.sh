#!/usr/bin/env bash
# A sustained load on the local stack (see README.md): CONCURRENT runs (50) of TASKS tasks (200) kept in flight for
# DURATION (30M), the RSS of every process sampled every SAMPLE (10S); writes bench/load/results/rss.csv and rss.png.
#
#   bench/load/run.sh                     # starts the stack if needed (deploy/local/stack up), leaves it running
#   DURATION=5M CONCURRENT=20 bench/load/run.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
source deploy/local/java-env.sh
spool_use_jdk

work="$root/bench/load/target"
mkdir -p "$work/classes"
deploy/local/stack up >/dev/null
lib="$root/deploy/local/launcher/target/lib/*"
"$JAVA_HOME/bin/javac" -nowarn -cp "$lib" -d "$work/classes" bench/LinePlot.java bench/StackCredentials.java bench/load/LoadBench.java
echo "machine: $(nproc) cores; runs held in the database before the load: $(curl -s -H "Authorization: Bearer $(cat .spool/admin-token)" 'localhost:8080/api/v1/runs?limit=500' | grep -o '"id"' | wc -l) (of the newest 500)"
"$JAVA_HOME/bin/java" -Djava.awt.headless=true -cp "$lib:$work/classes" LoadBench "$root/.spool/run" "$root/bench/load/results"
