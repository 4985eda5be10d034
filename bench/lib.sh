# Shared by bench/run, bench/jmh/run and bench/listing-pg (sourced, not run).
# Expects ROOT (the repository root) to be set.

log() { printf -- '--- %s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# mvn offline first (the usual case: every dependency is in ~/.m2), online when something is missing;
# the online try writes to stderr, so that a compile error shows even when the caller drops stdout.
mvn_quiet() { # dir args...
  local dir=$1; shift
  (cd "$dir" && { mvn -o -q "$@" >/dev/null 2>&1 || mvn -q "$@" >&2; }) # online: what fails is shown on stderr
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

# Adds <context-param> NAME = VALUE to a web.xml, right after its <display-name>, and checks it is there.
add_context_param() { # web.xml name value
  local file=$1 name=$2 value=$3 escaped
  escaped=$(printf '%s' "$value" | sed 's/[\\&#]/\\&/g')
  sed -i "s#<display-name>\(.*\)</display-name>#<display-name>\1</display-name>\n  <context-param><param-name>$name</param-name><param-value>$escaped</param-value></context-param>#" "$file"
  grep -qF "<param-name>$name</param-name><param-value>$value</param-value>" "$file" \
    || { echo "could not set the context-param $name in $file" >&2; exit 1; }
}

# Cuts a copy of the exploded sample WAR down to the sample alone: PortcullisFilter and its mapping
# out of web.xml, and of WEB-INF/lib only the H2 jar that the notes themselves need (not the Portcullis
# jar, nor the JDBC drivers the sample carries for Portcullis' sake).
strip_portcullis() { # exploded WAR directory
  sed -i '/<filter>/,/<\/filter-mapping>/d' "$1/WEB-INF/web.xml"
  ! grep -q PortcullisFilter "$1/WEB-INF/web.xml" || { echo "could not strip the filter from $1" >&2; exit 1; }
  compgen -G "$1/WEB-INF/lib/h2-*.jar" >/dev/null || { echo "no h2 jar in $1/WEB-INF/lib" >&2; exit 1; }
  find "$1/WEB-INF/lib" -mindepth 1 ! -name 'h2-*.jar' -delete
}
