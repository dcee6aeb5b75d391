#!/usr/bin/env bash
# Loads the bundled examples' Turtle into a real triple store (Virtuoso, started here on free
# loopback ports with its own database folder, stopped at exit) and checks that every query in
# examples/sparql/ answers exactly what its .tsv says.
# usage: virtuoso_sparql.sh TRIALGRAPH SOURCE_DIR
set -euo pipefail
tg=$1 src=$2
py=/usr/bin/python3
timeout_s=${VIRTUOSO_START_TIMEOUT:-90}

for tool in virtuoso-t isql-vt; do
  command -v "$tool" > /dev/null || {
    echo "virtuoso: $tool not found; scripts/install-deps.sh installs virtuoso-opensource-7-bin" >&2
    exit 1
  }
done

work=$(mktemp -d)
server=""
stop() {
  if [ -n "$server" ] && kill -0 "$server" 2> /dev/null; then
    kill "$server" 2> /dev/null || true
    for _ in $(seq 50); do kill -0 "$server" 2> /dev/null || break; sleep 0.1; done
    kill -9 "$server" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 1' INT TERM

free_port() { "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
sql_port=$(free_port)
http_port=$(free_port)
[ "$sql_port" != "$http_port" ] || http_port=$(free_port)

mkdir -p "$work/db"
cat > "$work/virtuoso.ini" << INI
[Database]
DatabaseFile    = $work/db/virtuoso.db
ErrorLogFile    = $work/db/virtuoso.log
LockFile        = $work/db/virtuoso.lck
TransactionFile = $work/db/virtuoso.trx
xa_persistent_file = $work/db/virtuoso.pxa
ErrorLogLevel   = 7
FileExtend      = 200
Striping        = 0
TempStorage     = TempDatabase

[TempDatabase]
DatabaseFile    = $work/db/virtuoso-temp.db
TransactionFile = $work/db/virtuoso-temp.trx
Striping        = 0

[Parameters]
ServerPort         = 127.0.0.1:$sql_port
DirsAllowed        = ., $work
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
ServerThreads      = 4
CheckpointInterval = 0
ThreadsPerQuery    = 2

[HTTPServer]
ServerPort         = 127.0.0.1:$http_port
ServerThreads      = 4
MaxClientConnections = 4

[SPARQL]
ResultSetMaxRows   = 100000
MaxQueryExecutionTime = 60
INI

echo "== extract the examples to Turtle"
"$tg" extract -q "$src/examples/ctgov-v2" "$src/examples/registry-formats" "$src/examples/seeds" -o "$work/examples.ttl"

echo "== start virtuoso-t (SQL 127.0.0.1:$sql_port, HTTP 127.0.0.1:$http_port)"
(cd "$work" && exec virtuoso-t -f -c "$work/virtuoso.ini" > "$work/server.out" 2>&1) &
server=$!
isql() { isql-vt "127.0.0.1:$sql_port" dba dba "$@"; }
deadline=$((SECONDS + timeout_s))
until isql exec="status();" > /dev/null 2>&1; do
  if ! kill -0 "$server" 2> /dev/null || [ $SECONDS -ge $deadline ]; then
    echo "virtuoso: not ready after ${timeout_s}s" >&2
    tail -20 "$work/server.out" "$work/db/virtuoso.log" >&2 2> /dev/null || true
    exit 1
  fi
  sleep 0.5
done

echo "== load the Turtle (DB.DBA.TTLP_MT)"
start=$(date +%s%N)
isql exec="DB.DBA.TTLP_MT(file_to_string_output('$work/examples.ttl'), '', 'urn:trialgraph:examples', 0); checkpoint;" \
  > "$work/load.out" 2>&1 || { cat "$work/load.out" >&2; exit 1; }
if grep -q "Error" "$work/load.out"; then cat "$work/load.out" >&2; exit 1; fi
loaded=$(isql exec="SPARQL SELECT COUNT(*) FROM <urn:trialgraph:examples> WHERE { ?s ?p ?o };" | awk '/^[0-9]+$/ {print; exit}')
echo "virtuoso: $loaded triples loaded in $(( ($(date +%s%N) - start) / 1000000 )) ms"

echo "== SPARQL queries of examples/sparql over HTTP"
"$py" "$src/tests/consumers/sparql_answers.py" endpoint "http://127.0.0.1:$http_port/sparql" "$src/examples/sparql" \
  --graph urn:trialgraph:examples
echo "virtuoso: all answers as committed"
