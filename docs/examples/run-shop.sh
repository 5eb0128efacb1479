#!/bin/sh
# Produces the complete example of docs/report-schema.md: compiles and starts docs/examples/Shop.java
# without the agent, attaches the agent when Shop asks for it, dumps a report when Shop says so, then
# stops Shop (which writes a shutdown report too). Run from the repository root after
# `mvn -DskipTests package`:   docs/examples/run-shop.sh [REPORT_DIR]   (default /tmp/sockleak-shop)
set -eu
dir=${1:-/tmp/sockleak-shop}
jar=agent/target/sockleak-agent.jar
work=$(mktemp -d)
javac -d "$work" docs/examples/Shop.java
: > "$work/out"
java -cp "$work" Shop > "$work/out" 2>&1 &
pid=$!
wait_for() {
    until grep -q "$1" "$work/out"; do
        kill -0 "$pid" 2>/dev/null || { cat "$work/out"; echo "Shop ended early" >&2; exit 1; }
        sleep 0.2
    done
}
wait_for "attach the agent now"
java -jar "$jar" attach "$pid" "dir=$dir"
wait_for "dump now"
java -jar "$jar" dump "$pid"
kill "$pid"
wait "$pid" || true
echo "--- Shop's output (stdout and stderr):"
cat "$work/out"
rm -rf "$work"
