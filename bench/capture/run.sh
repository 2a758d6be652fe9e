#!/usr/bin/env bash
# Capture throughput: 1 GiB through each truncation strategy of the worker's capture, against the same bytes
# piped through gzip at the same level to a file, on this machine, in this run. See README.md.
#
#   bench/capture/run.sh                 # 1 GiB, gzip level 1 (the worker's default), 3 rounds for tail
#   SIZE=268435456 LEVEL=6 bench/capture/run.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
source deploy/local/java-env.sh
spool_use_jdk

size=${SIZE:-1073741824}
level=${LEVEL:-1}
rounds=${ROUNDS:-3}
budget=${BUDGET:-1048576}
work=${WORK:-$root/bench/capture/target}
mkdir -p "$work/classes"

if [ ! -d worker-service/target/classes/dev/spool/worker/capture ] || [ ! -d contracts/target/classes/dev/spool/contracts ]; then
  ./mvnw -B -q -pl worker-service -am compile
fi
cp="worker-service/target/classes:contracts/target/classes"
"$JAVA_HOME/bin/javac" -nowarn -cp "$cp" -d "$work/classes" bench/capture/CaptureBench.java 2>/dev/null
java=("$JAVA_HOME/bin/java" -Xmx256m -XX:+UseSerialGC -cp "$cp:$work/classes" CaptureBench)

input="$work/input-$size.log"
[ -f "$input" ] || "${java[@]}" generate "$size" "$input"

# Wall seconds and peak RSS (KB) of one pipeline, the input read by cat as a task's pipe would deliver it.
timed() {
  /usr/bin/time -f "%e %M" -o "$work/time" bash -c "$1" > "$work/out" 2>&1
  cat "$work/time"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); gzip: $(gzip --version | head -1)"
echo "input: $size bytes of log lines; budget $budget bytes; gzip level $level"
printf '%-12s %10s %10s %12s %8s\n' "run" "seconds" "MB/s" "peak RSS MB" "ratio"

declare -a base_times spool_times
for round in $(seq "$rounds"); do
  read -r secs _ < <(timed "cat '$input' | gzip -$level > '$work/baseline.gz'")
  base_times+=("$secs")
  read -r secs rss < <(timed "cat '$input' | ${java[*]} capture tail $budget $level '$work/spool.gz'")
  spool_times+=("$secs")
  printf '%-12s %10s %10.0f %12s %8.2f   (gzip -%s: %ss)\n' "tail#$round" "$secs" "$(echo "$size / 1048576 / $secs" | bc -l)" \
    "$((rss / 1024))" "$(echo "$secs / ${base_times[-1]}" | bc -l)" "$level" "${base_times[-1]}"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base=$(median "${base_times[@]}")
tail_median=$(median "${spool_times[@]}")
printf '%-12s %10s %10.0f %12s %8s\n' "gzip -$level" "$base" "$(echo "$size / 1048576 / $base" | bc -l)" "-" "1.00"
printf '%-12s %10s %10.0f %12s %8.2f   (median of %s)\n' "tail" "$tail_median" "$(echo "$size / 1048576 / $tail_median" | bc -l)" "-" \
  "$(echo "$tail_median / $base" | bc -l)" "$rounds"

for strategy in head both head_lines tail_lines summary; do
  read -r secs rss < <(timed "cat '$input' | ${java[*]} capture $strategy $budget $level '$work/spool.gz'")
  printf '%-12s %10s %10.0f %12s %8.2f\n' "$strategy" "$secs" "$(echo "$size / 1048576 / $secs" | bc -l)" "$((rss / 1024))" \
    "$(echo "$secs / $base" | bc -l)"
done
echo "spool: $(stat -c %s "$work/spool.gz") bytes; gzip -$level: $(stat -c %s "$work/baseline.gz") bytes"
