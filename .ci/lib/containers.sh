# Shared by the container tests (.ci/containers-it.sh, .ci/hosts-it.sh): real Jetty and Tomcat
# distributions fetched from Maven Central with Maven itself, started on loopback ports in bases of
# their own, and small curl helpers. Source it after setting ROOT (the repository) and RUN (a fresh
# scratch directory); distributions are cached, unpacked, in $ROOT/.ci/work/dist.
#
# Results: pass NAME WHAT / fail NAME WHAT DETAIL print one line each and count; containers_summary
# LABEL prints the closing line `LABEL: N passed, N failed`. An empty NAME is a check of the whole run:
# its line has no name, and its failure marks every container started so far (their logs are shown).

DIST=${DIST:-$ROOT/.ci/work/dist}
START_TIMEOUT=${START_TIMEOUT:-90}
STOP_TIMEOUT=${STOP_TIMEOUT:-10}   # seconds stop_pid waits after SIGTERM before SIGKILL
REQ_TIMEOUT=${REQ_TIMEOUT:-30}     # curl --max-time of req
LOG_TAIL=${LOG_TAIL:-60}           # lines show_log prints of a log
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy

PASSED=0
FAILED=0
declare -A BROKEN=()     # container name -> 1 when something about it failed
declare -A PIDS=()       # container name -> pid
declare -A LOGS=()       # container name -> its console log

log() { printf '%s\n' "--- $*" >&2; }

pass() { # name what
  printf 'PASS %s%s\n' "${1:+$1: }" "$2"
  PASSED=$((PASSED + 1))
}

fail() { # name what detail
  local n
  printf 'FAIL %s%s (%s)\n' "${1:+$1: }" "$2" "$3"
  FAILED=$((FAILED + 1))
  if [[ -n $1 ]]; then
    BROKEN[$1]=1
  else
    for n in "${!PIDS[@]}"; do BROKEN[$n]=1; done
  fi
}

containers_summary() { # label
  echo "$1: $PASSED passed, $FAILED failed"
}

# A script's EXIT trap: `trap 'containers_on_exit LABEL $?' EXIT` after setting FINISHED=0 and
# STARTED_AT=$SECONDS; FINISHED=1 after the last check. Stops the containers, prints the summary, and
# exits non-zero when a check failed or the script stopped early (a failure of NAME, default setup).
containers_on_exit() { # label rc [name]
  local label=$1 rc=$2 name=${3-setup}
  trap - EXIT INT TERM
  set +e
  if [[ $FINISHED -ne 1 ]]; then
    fail "$name" "script ran to completion" "aborted with exit status $rc before all checks ran"
  fi
  stop_containers
  log "$label-it took $((SECONDS - STARTED_AT)) s"
  containers_summary "$label"
  if [[ $FAILED -gt 0 ]]; then exit 1; fi
  exit 0
}

# curl (installed with apt-get when missing), java and mvn; exits when java or mvn is missing.
require_tools() {
  if ! command -v curl >/dev/null 2>&1; then
    log "curl missing, installing it with apt-get"
    local sudo=; [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq curl >/dev/null
  fi
  command -v java >/dev/null || { echo "java not found" >&2; exit 1; }
  command -v mvn >/dev/null || { echo "mvn not found" >&2; exit 1; }
}

# ---------------------------------------------------------------------------------------------
# distributions
# ---------------------------------------------------------------------------------------------
fetch_dist() { # groupId artifactId version unpacked-dir-name
  local g=$1 a=$2 v=$3 dir=$4
  if [[ -f $DIST/$dir/.portcullis-unpacked ]]; then
    return 0
  fi
  mkdir -p "$DIST"
  local archive=$DIST/$a-$v.tar.gz
  if [[ ! -s $archive ]]; then
    log "fetching $g:$a:$v:tar.gz from Maven Central"
    # run outside the repository, so neither the project's reactor nor a .mvn/ directory applies
    local cwd
    cwd=$(mktemp -d)
    if ! (cd "$cwd" && mvn -q -B -N "$DEP_PLUGIN" -Dartifact="$g:$a:$v:tar.gz" \
          -DoutputDirectory="$DIST" -Dmdep.overWriteIfNewer=true) >"$DIST/fetch-$a-$v.log" 2>&1 </dev/null; then
      rmdir "$cwd" 2>/dev/null || true
      cat "$DIST/fetch-$a-$v.log" >&2
      echo "could not fetch $g:$a:$v:tar.gz" >&2
      return 1
    fi
    rmdir "$cwd" 2>/dev/null || true
  fi
  rm -rf "${DIST:?}/$dir"
  tar -xzf "$archive" -C "$DIST"
  [[ -d $DIST/$dir ]] || { echo "$archive did not unpack into $dir" >&2; return 1; }
  touch "$DIST/$dir/.portcullis-unpacked"
  rm -f "$archive"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Each WAR argument is CONTEXT=PATH.war, CONTEXT being ROOT for "/" or a name for "/name".

# Jetty 12 with the ee10 environment, in $RUN/NAME-base; user.home is $RUN/NAME-user-home, so the
# embedded H2 databases start empty.
start_jetty() { # name jetty-home port war...
  local name=$1 home_dir=$2 port=$3 spec
  shift 3
  local base=$RUN/$name-base home=$RUN/$name-user-home tmp=$RUN/$name-tmp
  mkdir -p "$base" "$home" "$tmp"
  LOGS[$name]=$RUN/$name.log
  if ! (cd "$base" && java -jar "$home_dir/start.jar" --add-modules=http,ee10-deploy) \
        >"$RUN/$name-setup.log" 2>&1; then
    cat "$RUN/$name-setup.log" >&2
    fail "$name" "started" "could not create JETTY_BASE with --add-modules=http,ee10-deploy"
    return 1
  fi
  mkdir -p "$base/webapps"
  for spec in "$@"; do cp "${spec#*=}" "$base/webapps/${spec%%=*}.war"; done
  if port_in_use "$port"; then
    fail "$name" "started" "port $port is already in use"
    return 1
  fi
  log "starting $name (Jetty, $(basename "$home_dir")) on port $port"
  (
    cd "$base"
    exec java -Duser.home="$home" -Djava.io.tmpdir="$tmp" -jar "$home_dir/start.jar" \
      jetty.http.host=127.0.0.1 jetty.http.port="$port"
  ) >"${LOGS[$name]}" 2>&1 </dev/null &
  PIDS[$name]=$!
}

# Tomcat in its own CATALINA_BASE ($RUN/NAME-base), so the unpacked distribution stays pristine: its
# webapps/ holds nothing but the given WARs (no default ROOT, docs, manager, ...).
start_tomcat() { # name catalina-home port war...
  local name=$1 home_dir=$2 port=$3 spec
  shift 3
  local base=$RUN/$name-base home=$RUN/$name-user-home
  mkdir -p "$base"/{conf,logs,temp,webapps,work} "$home"
  LOGS[$name]=$RUN/$name.log
  cp -R "$home_dir/conf/." "$base/conf/"
  # HTTP connector on $port bound to loopback; shutdown port disabled (stopped by signal)
  sed -i \
    -e "s/<Connector port=\"8080\"/<Connector port=\"$port\" address=\"127.0.0.1\"/" \
    -e 's/<Server port="8005"/<Server port="-1"/' \
    "$base/conf/server.xml"
  if ! grep -q "port=\"$port\"" "$base/conf/server.xml" || ! grep -q '<Server port="-1"' "$base/conf/server.xml"; then
    fail "$name" "started" "could not set the ports in conf/server.xml"
    return 1
  fi
  for spec in "$@"; do cp "${spec#*=}" "$base/webapps/${spec%%=*}.war"; done
  if port_in_use "$port"; then
    fail "$name" "started" "port $port is already in use"
    return 1
  fi
  log "starting $name (Tomcat, $(basename "$home_dir")) on port $port"
  # `catalina.sh run` execs the JVM in the foreground, so $! is Tomcat's own pid
  CATALINA_HOME=$home_dir CATALINA_BASE=$base CATALINA_PID='' CATALINA_OPTS="-Duser.home=$home" \
    "$home_dir/bin/catalina.sh" run >"${LOGS[$name]}" 2>&1 </dev/null &
  PIDS[$name]=$!
}

wait_ready() { # name port path since -> 0 when GET path answers 200 within START_TIMEOUT of since
  local name=$1 port=$2 path=$3 since=$4 code pid=${PIDS[$1]:-}
  local deadline=$((since + START_TIMEOUT))
  while :; do   # probes at least once, even when an earlier container used up the time
    if [[ -z $pid ]] || ! kill -0 "$pid" 2>/dev/null; then
      fail "$name" "started" "the container exited before $path answered"
      return 1
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port$path" || true)
    if [[ $code == 200 ]]; then
      pass "$name" "started, GET $path answers 200 (after $((SECONDS - since)) s)"
      return 0
    fi
    ((SECONDS < deadline)) || break
    sleep 1
  done
  fail "$name" "started" "GET $path did not answer 200 within ${START_TIMEOUT} s (last status ${code:-none})"
  return 1
}

stop_pid() { # pid name
  local pid=$1 name=$2 i
  [[ -n $pid ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 $((STOP_TIMEOUT * 4))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop within $STOP_TIMEOUT s, killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

show_log() { # name file
  local name=$1 file=$2
  [[ -f $file ]] || return 0
  echo "----- $name log (last $LOG_TAIL lines of ${file#"$ROOT"/}) -----"
  tail -n "$LOG_TAIL" "$file" || true
  echo "----- end of $name log -----"
}

# Stops every container started here; shows the logs of those with a failed check.
stop_containers() {
  local name f
  for name in "${!PIDS[@]}"; do stop_pid "${PIDS[$name]}" "$name"; done
  for name in "${!BROKEN[@]}"; do
    [[ -n ${LOGS[$name]:-} ]] || continue
    show_log "$name" "${LOGS[$name]}"
    # Tomcat writes some start-up failures (e.g. a filter's init exception) only to its own log files.
    for f in "$RUN/$name-base"/logs/localhost.*.log; do
      [[ -s $f ]] && show_log "$name localhost" "$f"
    done
  done
}

# ---------------------------------------------------------------------------------------------
# HTTP helpers
# ---------------------------------------------------------------------------------------------
# req LABEL METHOD PATH [curl args...] against http://127.0.0.1:$PORT
# Sets STATUS, BODY, HEADERS (CR stripped), CTYPE; keeps the body in $BODY_FILE.
REQ_N=0
req() {
  local label=$1 method=$2 path=$3
  shift 3
  REQ_N=$((REQ_N + 1))
  local stem
  mkdir -p "$RUN/http"
  printf -v stem '%s/http/%s-%02d' "$RUN" "$label" "$REQ_N"
  BODY_FILE=$stem.body
  local out
  out=$(curl -sS --max-time "$REQ_TIMEOUT" -X "$method" -D "$stem.headers" -o "$BODY_FILE" \
          -w '%{http_code} %{content_type}' "$@" "http://127.0.0.1:$PORT$path" 2>"$stem.err") \
    || out="000 curl-error:$(tr '\n' ' ' <"$stem.err")"
  STATUS=${out%% *}
  CTYPE=${out#* }
  [[ -f $BODY_FILE ]] || : >"$BODY_FILE"
  BODY=$(cat "$BODY_FILE")
  HEADERS=$(tr -d '\r' <"$stem.headers" 2>/dev/null || true)
}

post_json() { # label path json [extra curl args...]
  local label=$1 path=$2 json=$3
  shift 3
  req "$label" POST "$path" -H 'Content-Type: application/json' --data-binary "$json" "$@"
}

# short, single-line description of the last exchange, for FAIL details
exchange() {
  local b=${BODY//$'\n'/ }
  ((${#b} > 400)) && b="${b:0:400}..."
  printf 'HTTP %s, body: %s' "$STATUS" "$b"
}

# body_has REGEX — extended regex on the body with newlines removed
body_has() { grep -Eq -- "$1" <<<"${BODY//$'\n'/}"; }

# header VALUE of the last exchange's first NAME header (case-insensitive), CR stripped
header() { printf '%s\n' "$HEADERS" | grep -i "^$1:" | head -n 1 | sed -E 's/^[^:]*:[[:space:]]*//' || true; }

S='[[:space:]]*'   # JSON whitespace

# token from the client.store.set entry (value of "value" in the object whose key is "token")
extract_token() {
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$BODY_FILE" <<'PY' 2>/dev/null || true
import json, sys
try:
    data = json.load(open(sys.argv[1], encoding="utf-8"))
except Exception:
    sys.exit(0)
for item in data if isinstance(data, list) else []:
    a = item.get("Attributes") or {}
    if item.get("ResponseType") == "client.store.set" and a.get("key") == "token":
        print(a.get("value") or "")
        break
PY
  else
    # first "value":"..." after the first "key":"token" (client.store.set comes before client.cookie.set)
    printf '%s' "$BODY" | tr -d '\n' | grep -Eo "\"key\"$S:$S\"token\"$S,$S\"value\"$S:$S\"[^\"]*\"" | head -n 1 \
      | sed -E 's/.*"([^"]*)"$/\1/' || true
  fi
}

# json_id — data.id of the last JSON:API reply
json_id() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["id"])' "$BODY_FILE" 2>/dev/null || true
}

# sub claim of a JWT
jwt_sub() {
  python3 -c 'import base64,json,sys; p=sys.argv[1].split(".")[1]; p+="="*(-len(p)%4); print(json.loads(base64.urlsafe_b64decode(p))["sub"])' "$1" 2>/dev/null || true
}

# new_token LABEL WHO -> signs a new user up and in under ${CTX:-} (a context path, or empty), prints the
# token and sets NEW_EMAIL (call it as `new_token a b >file` or read NEW_EMAIL after `x=$(...)` only
# through the printed token: a subshell's variables do not come back)
new_token() {
  local n=$1 who=$2 pw='correct horse battery'
  NEW_EMAIL="$who-$(date +%s)-$RANDOM$RANDOM@example.com"
  post_json "$n" "${CTX:-}/action/user_account/signup" \
    "{\"attributes\":{\"name\":\"$who\",\"email\":\"$NEW_EMAIL\",\"password\":\"$pw\",\"passwordConfirm\":\"$pw\"}}"
  post_json "$n" "${CTX:-}/action/user_account/signin" "{\"attributes\":{\"email\":\"$NEW_EMAIL\",\"password\":\"$pw\"}}"
  extract_token
}
