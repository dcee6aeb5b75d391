#!/usr/bin/env bash
# Interrupted runs leave the previous output or the new complete one, never half a file or a stray
# temporary: SIGINT and SIGTERM while the outputs are being written, a file-size limit and a full
# disk while writing.
# usage: atomic_outputs_test.sh TRIALGRAPH SOURCE_DIR
set -uo pipefail
tg=$1 src=$2
good=$src/plugins/ctgov-json/samples
tmp=$(mktemp -d)
trap 'umount "$tmp/small" 2> /dev/null; rm -rf "$tmp"' EXIT
. "$(dirname "$0")/check.sh"
py=/usr/bin/python3

# One study with 20,000 sites: a graph whose GraphML and Turtle take a while to write.
$py - "$good/single_study.json" "$tmp/big.json" <<'PY'
import json, sys
study = json.load(open(sys.argv[1]))
site = study["protocolSection"]["contactsLocationsModule"]["locations"][0]
study["protocolSection"]["contactsLocationsModule"]["locations"] = [
    dict(site, facility=f"Hospital number {i} of a long list", city=f"City {i % 997}") for i in range(20000)]
json.dump(study, open(sys.argv[2], "w"))
PY

strays() { ls -a "$1" | grep -E '[.](tmp|old)-[0-9]+$'; }
# A background job of a script ignores SIGINT, and trialgraph keeps a signal it was told to ignore:
# give the runs the default action back, as they have when started from a terminal.
run=(env --default-signal=INT "$tg")  # env execs it: $! is trialgraph's own pid

# The previous outputs, from the small samples.
"$tg" extract -q "$good" -o "$tmp/out.graphml" -o "$tmp/out.ttl" --report "$tmp/report.ndjson"
mkdir -p "$tmp/prev" && cp "$tmp/out.graphml" "$tmp/out.ttl" "$tmp/report.ndjson" "$tmp/prev/"

# Starts a run on the big input, stops it the moment its GraphML temporary file exists, sends the
# signal and lets it go on: the signal arrives while the output is being written. Retries when the
# run was too quick to be caught mid-write. Prints the run's exit status.
interrupt_while_writing() {
  local sig=$1 attempt pid status
  for attempt in 1 2 3 4 5; do
    cp "$tmp/prev/"* "$tmp/"
    "${run[@]}" extract -q "$tmp/big.json" -o "$tmp/out.graphml" -o "$tmp/out.ttl" --report "$tmp/report.ndjson" \
      > /dev/null 2>&1 &
    pid=$!
    while kill -0 $pid 2> /dev/null && [ ! -e "$tmp/out.graphml.tmp-$pid" ]; do :; done
    kill -STOP $pid 2> /dev/null
    if [ -e "$tmp/out.graphml.tmp-$pid" ]; then  # frozen mid-write
      kill -$sig $pid; kill -CONT $pid
      wait $pid; status=$?
      echo $status
      return
    fi
    kill -CONT $pid 2> /dev/null; wait $pid  # finished before it was caught: try again
  done
  echo "never caught mid-write"
}

for sig in INT TERM; do
  status=$(interrupt_while_writing $sig)
  want=$((128 + $(kill -l $sig)))
  check "SIG$sig while writing ends the run as the signal says" "$want" "$status"
  cmp "$tmp/out.graphml" "$tmp/prev/out.graphml" && cmp "$tmp/out.ttl" "$tmp/prev/out.ttl"
  check "SIG$sig while writing: the previous GraphML and Turtle stay as they were" 0 $?
  # The report is complete before the graph is written: the previous one, or the new one whole.
  cmp -s "$tmp/report.ndjson" "$tmp/prev/report.ndjson" ||
    $py -c 'import json, sys; rows = [json.loads(l) for l in open(sys.argv[1])]; assert len(rows) == 1 and rows[0]["status"] == "ok", rows' \
      "$tmp/report.ndjson"
  check "SIG$sig while writing: the report is the previous one or the new one whole" 0 $?
  left=$(strays "$tmp" | tr "\n" " "); [ -z "$left" ]; check "SIG$sig while writing: no temporary file left ($left)" 0 $?
done

# A neo4j-csv folder: the half-written temporary folder goes, the previous folder stays.
"$tg" extract -q "$good" -o "$tmp/neo" --format neo4j-csv > /dev/null
cp -r "$tmp/neo" "$tmp/prev-neo"
for attempt in 1 2 3 4 5; do
  "${run[@]}" extract -q "$tmp/big.json" -o "$tmp/neo" --format neo4j-csv > /dev/null 2>&1 &
  pid=$!
  while kill -0 $pid 2> /dev/null && [ ! -e "$tmp/neo.tmp-$pid/nodes_Site.csv" ]; do :; done
  kill -STOP $pid 2> /dev/null
  [ -e "$tmp/neo.tmp-$pid" ] && break
  kill -CONT $pid 2> /dev/null; wait $pid
  rm -rf "$tmp/neo" && cp -r "$tmp/prev-neo" "$tmp/neo"
done
kill -TERM $pid; kill -CONT $pid; wait $pid
check "SIGTERM while writing a neo4j-csv folder" 143 $?
diff -r "$tmp/neo" "$tmp/prev-neo" > /dev/null; check "neo4j-csv: the previous folder stays as it was" 0 $?
[ -z "$(strays "$tmp")" ]; check "neo4j-csv: no temporary folder left" 0 $?

# Interrupted before writing (while reading and extracting): nothing is touched. The run is stopped
# the moment its worker threads exist, and signalled there unless it already writes; a sleep before
# the signal was a race the run began to win once extraction got faster.
threads() { local key value; while read -r key value; do [ "$key" = Threads: ] && echo "$value"; done < "/proc/$1/status"; }
for attempt in 1 2 3 4 5; do
  cp "$tmp/prev/"* "$tmp/"
  "${run[@]}" extract -q "$tmp/big.json" -o "$tmp/out.graphml" > /dev/null 2>&1 &
  pid=$!
  while kill -0 $pid 2> /dev/null && [ "$(threads $pid 2> /dev/null)" = 1 ]; do :; done
  kill -STOP $pid 2> /dev/null
  [ -z "$(strays "$tmp")" ] && break
  kill -CONT $pid 2> /dev/null; wait $pid
done
kill -INT $pid; kill -CONT $pid; wait $pid
check "SIGINT while reading" 130 $?
cmp -s "$tmp/out.graphml" "$tmp/prev/out.graphml"; check "SIGINT while reading: the previous output stays" 0 $?

# A file-size limit (ulimit -f, in KiB) smaller than the new output: a write error, said and
# survived, like a full disk.
cp "$tmp/prev/"* "$tmp/"
( ulimit -f 1024; "$tg" extract -q "$tmp/big.json" -o "$tmp/out.graphml" -o "$tmp/out.ttl" ) > "$tmp/out" 2>&1
check "over the file-size limit: exit 3, the error said" 3 $? "writing .*out.graphml.tmp-[0-9]+ failed: File too large" "$tmp/out"
cmp -s "$tmp/out.graphml" "$tmp/prev/out.graphml" && cmp -s "$tmp/out.ttl" "$tmp/prev/out.ttl"
check "over the file-size limit: the previous outputs stay" 0 $?
[ -z "$(strays "$tmp")" ]; check "over the file-size limit: no temporary file left" 0 $?

# Every input fails (a FIFO, a broken JSON file): an empty graph must not replace the good outputs.
cp "$tmp/prev/"* "$tmp/"
mkfifo "$tmp/fifo" && echo '{"protocolSection": ' > "$tmp/broken.json"
"$tg" extract -q "$tmp/fifo" "$tmp/broken.json" -o "$tmp/out.graphml" -o "$tmp/out.ttl" > "$tmp/out" 2>&1
check "every input fails: exit 1, said" 1 $? "nothing could be read .*no graph written" "$tmp/out"
cmp -s "$tmp/out.graphml" "$tmp/prev/out.graphml" && cmp -s "$tmp/out.ttl" "$tmp/prev/out.ttl"
check "every input fails: the previous outputs stay" 0 $?
[ -z "$(strays "$tmp")" ]; check "every input fails: no temporary file left" 0 $?
rm -f "$tmp/fifo" "$tmp/broken.json"

# A full disk: a 2 MB tmpfs, where we may mount one (root with CAP_SYS_ADMIN); else said and skipped.
mkdir -p "$tmp/small"
if mount -t tmpfs -o size=2m tmpfs "$tmp/small" 2> /dev/null; then
  cp "$tmp/prev/out.graphml" "$tmp/small/out.graphml"
  "$tg" extract -q "$tmp/big.json" -o "$tmp/small/out.graphml" > "$tmp/out" 2>&1
  check "disk full: exit 3, the error said" 3 $? "failed: No space left on device" "$tmp/out"
  cmp -s "$tmp/small/out.graphml" "$tmp/prev/out.graphml"; check "disk full: the previous output stays" 0 $?
  [ -z "$(strays "$tmp/small")" ]; check "disk full: no temporary file left" 0 $?
  "$tg" extract -q "$good" -o "$tmp/small/out.graphml"; check "disk full: a smaller graph still fits" 0 $?
  umount "$tmp/small"
else
  echo "skip a full disk: cannot mount a small tmpfs here (not root, or no CAP_SYS_ADMIN); the file-size limit above covers the write error"
fi

echo "atomic_outputs: $passed passed, $failures failed"
[ $failures = 0 ]
