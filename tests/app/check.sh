# Sourced by the CLI test scripts: `check NAME EXPECTED_RC ACTUAL_RC [grep-pattern file]...` counts a
# check as passed when the exit code is the expected one and every pattern is found in its file.
failures=0 passed=0

check() {
  local name=$1 want=$2 got=$3
  shift 3
  local ok=1
  [ "$want" = "$got" ] || { echo "FAIL $name: exit code $got, expected $want"; ok=0; }
  while [ $# -ge 2 ]; do
    grep -qE -- "$1" "$2" || { echo "FAIL $name: no '$1' in $(basename "$2")"; sed 's/^/    /' "$2" | head -20; ok=0; }
    shift 2
  done
  if [ $ok = 1 ]; then passed=$((passed + 1)); echo "ok   $name"; else failures=$((failures + 1)); fi
}
