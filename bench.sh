#!/usr/bin/env bash
# The agent's overhead benchmark (issues 4 and 16; method and latest figures in docs/performance.md).
#
#   ./bench.sh [--java PATH_TO_JAVA] [--shared-netns] [--quick] [--rounds N]
#              [--only report,heap,attach,timewait,churn,depth,pool] ...
#
# Builds the jars when they are missing or older than the sources, then runs
#   java -jar bench/target/sockleak-bench.jar ...
# with the given java (default: java on the PATH); the children run on that same java. A full run
# appends one line to bench/results.tsv.
# Exit status: 0 when every target was met, 1 when one was missed, 2 for a bad command line.
set -euo pipefail
cd "$(dirname "$0")"

java=java
if [[ "${1:-}" == "--java" ]]; then
    java=${2:?--java needs the path of a java executable}
    shift 2
fi

agent_jar=agent/target/sockleak-agent.jar
demo_jar=demo-app/target/sockleak-demo.jar
bench_jar=bench/target/sockleak-bench.jar
if [[ ! -f $agent_jar || ! -f $demo_jar || ! -f $bench_jar ]] \
        || [[ -n $(find agent/src/main demo-app/src/main bench/src/main pom.xml agent/pom.xml demo-app/pom.xml \
                   bench/pom.xml -newer "$bench_jar" -type f -print -quit) ]] \
        || [[ -n $(find agent/src/main -newer "$agent_jar" -type f -print -quit) ]]; then
    # maven.test.skip: the benchmark needs the jars only, not the test sources compiled
    echo "bench.sh: building the jars (mvn -q -Dmaven.test.skip=true package)" >&2
    mvn -q -Dmaven.test.skip=true package
fi

# The report workload holds 10,000 sockets; the JVM raises its soft descriptor limit to the hard one.
if [[ $(ulimit -Hn) != unlimited && $(ulimit -Hn) -lt 10200 ]]; then
    echo "bench.sh: the hard limit on open files is $(ulimit -Hn); the report workload needs 10,200" >&2
fi

# A private network namespace (loopback only) unless --shared-netns: the scan the agent makes every
# 10 s, and the /proc/net/tcp6 read the report is compared with, cost in proportion to every TCP
# socket of the namespace, TIME_WAIT included; alone, the figures depend on this run only. It also
# keeps the ~130,000 TIME_WAIT rows the churn leaves for a minute, and the 100,000 the timewait
# workload makes on purpose, out of everyone else's tables.
# Needs root or unprivileged user namespaces; otherwise the run shares the namespace (and says so).
netns=private
args=()
for a in "$@"; do
    if [[ $a == --shared-netns ]]; then netns=shared; else args+=("$a"); fi
done
if [[ $netns == private ]]; then
    if [[ $(id -u) == 0 ]]; then unshare=(unshare --net); else unshare=(unshare --map-root-user --net); fi
    if "${unshare[@]}" true 2>/dev/null && { command -v ip || command -v ifconfig; } >/dev/null; then
        export SOCKLEAK_BENCH_NETNS="private network namespace (unshare --net), loopback only"
        exec "${unshare[@]}" sh -c 'ip link set lo up 2>/dev/null || ifconfig lo up; exec "$@"' sh \
            "$java" -jar "$bench_jar" "${args[@]}"
    fi
    echo "bench.sh: cannot create a network namespace (unshare --net); sharing this one" >&2
fi
exec "$java" -jar "$bench_jar" "${args[@]}"
