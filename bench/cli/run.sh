#!/usr/bin/env bash
# The spool command's benchmarks on the local stack (see README.md), on a database that holds history
# (bench/scheduler/seed-history.sql, HISTORY finished tasks, 200,000 by default):
#   commands   bin/spool's wall time, JVM start included, ROUNDS (10) times each: --version (the floor), runs,
#              status, and logs --tail 5 / --head 5 of a 1 GiB output (the last lines read from its last block)
#   tui        spool tui in tmux on a running run of TASKS (2,000) tasks: KEYS (100) presses of Down, each timed
#              inside the UI (from the key's arrival to its frame written, SPOOL_TUI_KEY_TIMES) and from outside
#              (from send-keys until capture-pane shows the next task selected, polling as fast as tmux answers)
#   PARTS="commands tui" (the default) chooses which
#
#   bench/cli/run.sh       # starts the stack if needed (deploy/local/stack up), leaves it running
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
source deploy/local/java-env.sh
spool_use_jdk
rounds=${ROUNDS:-10} tasks=${TASKS:-2000} keys=${KEYS:-100} history=${HISTORY:-200000}
spool="$root/bin/spool"
work="$root/bench/cli/target"
mkdir -p "$work"

deploy/local/stack up >/dev/null
export PGPASSWORD=postgres
psql=(psql -h 127.0.0.1 -p "${SPOOL_POSTGRES_PORT:-15432}" -U postgres -d spool -q -t -A)
held=$("${psql[@]}" -c "select count(*) from scheduler.tasks t join scheduler.runs r on r.id = t.run_id where r.finished_at is not null")
if [ "$held" -lt "$history" ]; then
  "${psql[@]}" -v runs=$(( (history - held + 99) / 100 )) -v tasks_per_run=100 -f bench/scheduler/seed-history.sql >/dev/null
fi
echo "machine: $(nproc) cores; history: $("${psql[@]}" -c 'select count(*) from scheduler.tasks') tasks, $("${psql[@]}" -c 'select count(*) from state.task_outputs') output records"

millis() { date +%s%3N; }
# The median and the largest of ROUNDS runs of a command, in ms.
measure() {
  local label=$1 start end times=()
  shift
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$rounds"); do
    start=$(millis); "$@" >/dev/null 2>&1 || true; end=$(millis)
    times+=($((end - start)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{ t[NR] = $1 } END { printf "%-34s median %5d ms  max %5d ms  (%d runs)\n", label, t[int((NR + 1) / 2)], t[NR], NR }'
}

parts=${PARTS:-commands tui}
if [[ " $parts " == *" commands "* ]]; then
cat > "$work/huge.yaml" <<'YAML'
name: bench-cli-huge
tasks:
  - id: huge
    command: "yes $(printf 'x%.0s' $(seq 99)) | head -c 1073741800; for i in 1 2 3 4 5; do echo end $i; done"
YAML
run=$("$spool" submit "$work/huge.yaml" | sed -n 's/.* as run \([0-9a-f-]*\)$/\1/p')
"$spool" status "$run" --watch >/dev/null
echo "== commands (the 1 GiB output: run $run)"
measure "spool --version" "$spool" --version
measure "spool runs (50)" "$spool" runs
measure "spool status (1 task)" "$spool" status "$run"
measure "spool logs --tail 5 (1 GiB)" "$spool" logs "$run" huge --tail 5
measure "spool logs --head 5 (1 GiB)" "$spool" logs "$run" huge --head 5
measure "spool logs (kept text, 64 KiB)" "$spool" logs "$run" huge
fi

if [[ " $parts " == *" tui "* ]]; then

echo "== tui: $keys presses of Down on a running run of $tasks tasks"
{
  echo "name: bench-cli-wide"
  echo "max_parallel: 4"
  echo "tasks:"
  echo "  - {id: t0, command: [sleep, '1']}"
  for i in $(seq 1 $((tasks - 1))); do echo "  - {id: t$i, depends_on: [t$(((i - 1) / 2))], command: [sleep, '1']}"; done
} > "$work/wide.yaml"
wide=$("$spool" submit "$work/wide.yaml" | sed -n 's/.* as run \([0-9a-f-]*\)$/\1/p')
session=spool-bench-tui
tmux -L "$session" kill-server 2>/dev/null || true
rm -f "$work/key-times.txt"
tmux -L "$session" new-session -d -s "$session" -x 160 -y 50 "cd '$work' && SPOOL_TUI_KEY_TIMES='$work/key-times.txt' '$spool' tui $wide"
screen() { tmux -L "$session" capture-pane -p -t "$session"; }
selected() { screen | grep -o '^t[0-9]*  needs:' | head -1; }
for _ in $(seq 100); do [ -n "$(selected)" ] && break; sleep 0.1; done
times=()
for _ in $(seq "$keys"); do
  before=$(selected)
  start=$(millis)
  tmux -L "$session" send-keys -t "$session" Down
  while [ "$(selected)" = "$before" ]; do :; done
  times+=($(( $(millis) - start )))
done
state=$("$spool" status "$wide" | sed -n 2p)
tmux -L "$session" kill-server
"$spool" cancel "$wide" >/dev/null 2>&1 || true
sort -n "$work/key-times.txt" | awk '{ t[NR] = $1 / 1000 } END { printf "in the UI, key to frame written: median %.1f ms, p95 %.1f ms, max %.1f ms (%d keys)\n", t[int((NR + 1) / 2)], t[int(NR * 0.95)], t[NR], NR }'
printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { printf "from outside, send-keys to capture-pane: median %d ms, p95 %d ms, max %d ms (%d keys)\n", t[int((NR + 1) / 2)], t[int(NR * 0.95)], t[NR], NR }'
echo "the run meanwhile: $state"
fi
