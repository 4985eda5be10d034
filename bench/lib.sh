# Shared by bench/run, bench/jmh/run and bench/listing-pg (sourced, not run).
# Expects ROOT (the repository root) to be set.

log() { printf -- '--- %s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# mvn offline first (the usual case: every dependency is in ~/.m2), online when something is missing.
mvn_quiet() { # dir args...
  local dir=$1; shift
  (cd "$dir" && { mvn -o -q "$@" >/dev/null 2>&1 || mvn -q "$@"; })
}

# Installs the Portcullis SNAPSHOT (jpa-model, filter, sample WAR) without tests.
build_portcullis() {
  log "building Portcullis (mvn install -DskipTests)"
  mvn_quiet "$ROOT" install -DskipTests
}

# Compiles a standalone bench project and writes its class path to target/classpath.txt.
build_bench_project() { # dir
  log "building ${1#"$ROOT"/}"
  mvn_quiet "$1" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
}

bench_classpath() { # dir
  printf '%s:%s' "$1/target/classes" "$(cat "$1/target/classpath.txt")"
}

machine_line() {
  local cpu
  cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
  printf '%s cores (nproc), %s; %s' "$(nproc)" "${cpu:-unknown CPU}" \
    "$(java -version 2>&1 | head -2 | tail -1)"
}
