#!/usr/bin/env bash
# Portcullis container integration test.
#
# Deploys the sample WAR as the root context (/) into real container distributions
# (Jetty 12.1 with the ee10 environment, Tomcat 10.1), fetched from Maven Central with
# Maven itself, and drives sign-up / sign-in / sign-out over HTTP with curl.
#
# Usage: .ci/containers-it.sh [path/to/portcullis-sample.war]
#   default WAR: sample-webapp/target/portcullis-sample.war (built by `mvn install`)
#
# Environment overrides (all optional):
#   JETTY_VERSION (12.1.1)  TOMCAT_VERSION (10.1.34)
#   JETTY_PORT (18080)      TOMCAT_PORT (18081)      START_TIMEOUT (90 seconds)
#
# Scratch space: .ci/work/ (git-ignored). Distributions are cached, unpacked, in .ci/work/dist;
# everything else lives in .ci/work/containers-it and is recreated on every run, so each container
# starts with an empty user.home and therefore an empty embedded H2 database.
#
# Output: one `PASS <container>: <check>` / `FAIL <container>: <check> (<detail>)` line per check,
# then exactly one closing line `containers: N passed, N failed`. Exit status is non-zero when a
# check failed or a container did not start.

set -euo pipefail

CALLER_PWD=$PWD
cd "$(dirname "$0")/.."
ROOT=$PWD

WAR_ARG=${1:-sample-webapp/target/portcullis-sample.war}
if [[ $# -ge 1 && $WAR_ARG != /* ]]; then
  WAR_ARG=$CALLER_PWD/$WAR_ARG          # a path given by the caller is relative to the caller
fi

JETTY_VERSION=${JETTY_VERSION:-12.1.1}
TOMCAT_VERSION=${TOMCAT_VERSION:-10.1.34}
JETTY_PORT=${JETTY_PORT:-18080}
TOMCAT_PORT=${TOMCAT_PORT:-18081}
START_TIMEOUT=${START_TIMEOUT:-90}
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy

DIST=$ROOT/.ci/work/dist
RUN=$ROOT/.ci/work/containers-it
JETTY_HOME_DIR=$DIST/jetty-home-$JETTY_VERSION
CATALINA_HOME_DIR=$DIST/apache-tomcat-$TOMCAT_VERSION

PASSED=0
FAILED=0
JETTY_PID=
TOMCAT_PID=
declare -A BROKEN=()                   # container name -> 1 when something about it failed
FINISHED=0
STARTED_AT=$SECONDS

log() { printf '%s\n' "--- $*" >&2; }

pass() { # name what
  printf 'PASS %s: %s\n' "$1" "$2"
  PASSED=$((PASSED + 1))
}

fail() { # name what detail
  printf 'FAIL %s: %s (%s)\n' "$1" "$2" "$3"
  FAILED=$((FAILED + 1))
  BROKEN[$1]=1
}

# ---------------------------------------------------------------------------------------------
# teardown: always stop what we started, show logs when something failed, print the summary.
# ---------------------------------------------------------------------------------------------
stop_pid() { # pid name
  local pid=$1 name=$2 i
  [[ -n $pid ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop within 10 s, killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

show_log() { # name file
  local name=$1 file=$2
  [[ -f $file ]] || return 0
  echo "----- $name log (last 60 lines of ${file#"$ROOT"/}) -----"
  tail -n 60 "$file" || true
  echo "----- end of $name log -----"
}

on_exit() {
  local rc=$1
  trap - EXIT INT TERM
  set +e
  if [[ $FINISHED -ne 1 ]]; then
    fail setup "script ran to completion" "aborted with exit status $rc before all checks ran"
  fi
  stop_pid "$JETTY_PID" jetty
  stop_pid "$TOMCAT_PID" tomcat
  if [[ -n ${BROKEN[jetty]:-} ]]; then show_log jetty "$RUN/jetty.log"; fi
  if [[ -n ${BROKEN[tomcat]:-} ]]; then
    show_log tomcat "$RUN/tomcat.log"
    # Tomcat writes some start-up failures (e.g. a filter's init exception) only to its own log files.
    local f
    for f in "$RUN"/tomcat-base/logs/localhost.*.log; do
      [[ -s $f ]] && show_log "tomcat localhost" "$f"
    done
  fi
  log "containers-it took $((SECONDS - STARTED_AT)) s"
  echo "containers: $PASSED passed, $FAILED failed"
  if [[ $FAILED -gt 0 ]]; then exit 1; fi
  exit 0
}
trap 'on_exit $?' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# prerequisites
# ---------------------------------------------------------------------------------------------
if ! command -v curl >/dev/null 2>&1; then
  log "curl missing, installing it with apt-get"
  SUDO=; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq curl >/dev/null
fi
command -v java >/dev/null || { echo "java not found" >&2; exit 1; }
command -v mvn >/dev/null || { echo "mvn not found" >&2; exit 1; }

if [[ ! -f $WAR_ARG ]]; then
  echo "WAR not found: $WAR_ARG (run mvn install first)" >&2
  exit 1
fi
WAR=$(cd "$(dirname "$WAR_ARG")" && pwd)/$(basename "$WAR_ARG")

# ---------------------------------------------------------------------------------------------
# distributions from Maven Central (cached, unpacked, in .ci/work/dist)
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
    # run outside the repository, so neither the project's reactor nor a .mvn/ directory of the
    # repository applies to this goal
    local cwd
    cwd=$(mktemp -d)
    if ! (cd "$cwd" && mvn -q -B -N "$DEP_PLUGIN" -Dartifact="$g:$a:$v:tar.gz" \
          -DoutputDirectory="$DIST" -Dmdep.overWriteIfNewer=true) >"$DIST/fetch-$a.log" 2>&1; then
      rmdir "$cwd" 2>/dev/null || true
      cat "$DIST/fetch-$a.log" >&2
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

fetch_dist org.eclipse.jetty jetty-home "$JETTY_VERSION" "jetty-home-$JETTY_VERSION"
fetch_dist org.apache.tomcat tomcat "$TOMCAT_VERSION" "apache-tomcat-$TOMCAT_VERSION"

# ---------------------------------------------------------------------------------------------
# fresh run directory
# ---------------------------------------------------------------------------------------------
rm -rf "$RUN"
mkdir -p "$RUN/http"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------------------------------------
# Jetty 12.1, ee10 environment
# ---------------------------------------------------------------------------------------------
start_jetty() {
  local base=$RUN/jetty-base home=$RUN/jetty-user-home tmp=$RUN/jetty-tmp
  mkdir -p "$base" "$home" "$tmp"
  if ! (cd "$base" && java -jar "$JETTY_HOME_DIR/start.jar" --add-modules=http,ee10-deploy) \
        >"$RUN/jetty-setup.log" 2>&1; then
    cat "$RUN/jetty-setup.log" >&2
    fail jetty "started" "could not create JETTY_BASE with --add-modules=http,ee10-deploy"
    return 1
  fi
  mkdir -p "$base/webapps"
  cp "$WAR" "$base/webapps/ROOT.war"
  if port_in_use "$JETTY_PORT"; then
    fail jetty "started" "port $JETTY_PORT is already in use"
    return 1
  fi
  log "starting Jetty $JETTY_VERSION on port $JETTY_PORT"
  (
    cd "$base"
    exec java -Duser.home="$home" -Djava.io.tmpdir="$tmp" \
      -jar "$JETTY_HOME_DIR/start.jar" \
      jetty.http.host=127.0.0.1 jetty.http.port="$JETTY_PORT"
  ) >"$RUN/jetty.log" 2>&1 </dev/null &
  JETTY_PID=$!
}

# ---------------------------------------------------------------------------------------------
# Tomcat 10.1, in its own CATALINA_BASE so the unpacked distribution stays pristine
# (the base's webapps/ holds nothing but ROOT.war: no default ROOT, docs, manager, ...)
# ---------------------------------------------------------------------------------------------
start_tomcat() {
  local base=$RUN/tomcat-base home=$RUN/tomcat-user-home
  mkdir -p "$base"/{conf,logs,temp,webapps,work} "$home"
  cp -R "$CATALINA_HOME_DIR/conf/." "$base/conf/"
  # HTTP connector on $TOMCAT_PORT bound to loopback; shutdown port disabled (stopped by signal)
  sed -i \
    -e "s/<Connector port=\"8080\"/<Connector port=\"$TOMCAT_PORT\" address=\"127.0.0.1\"/" \
    -e 's/<Server port="8005"/<Server port="-1"/' \
    "$base/conf/server.xml"
  if ! grep -q "port=\"$TOMCAT_PORT\"" "$base/conf/server.xml" \
     || ! grep -q '<Server port="-1"' "$base/conf/server.xml"; then
    fail tomcat "started" "could not set the ports in conf/server.xml"
    return 1
  fi
  cp "$WAR" "$base/webapps/ROOT.war"
  if port_in_use "$TOMCAT_PORT"; then
    fail tomcat "started" "port $TOMCAT_PORT is already in use"
    return 1
  fi
  log "starting Tomcat $TOMCAT_VERSION on port $TOMCAT_PORT"
  # `catalina.sh run` execs the JVM in the foreground, so $! is Tomcat's own pid
  CATALINA_HOME=$CATALINA_HOME_DIR CATALINA_BASE=$base CATALINA_PID='' \
    CATALINA_OPTS="-Duser.home=$home" \
    "$CATALINA_HOME_DIR/bin/catalina.sh" run >"$RUN/tomcat.log" 2>&1 </dev/null &
  TOMCAT_PID=$!
}

wait_ready() { # name port pid -> 0 when GET /whoami answers 200
  local name=$1 port=$2 pid=$3 code deadline=$((CONTAINERS_AT + START_TIMEOUT))
  while :; do   # probes at least once, even when an earlier container used up the time
    if ! kill -0 "$pid" 2>/dev/null; then
      fail "$name" "started" "process $pid exited before /whoami answered"
      return 1
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/whoami" || true)
    if [[ $code == 200 ]]; then
      pass "$name" "started, GET /whoami answers 200 (after $((SECONDS - CONTAINERS_AT)) s)"
      return 0
    fi
    ((SECONDS < deadline)) || break
    sleep 1
  done
  fail "$name" "started" "GET /whoami did not answer 200 within ${START_TIMEOUT} s (last status ${code:-none})"
  return 1
}

# ---------------------------------------------------------------------------------------------
# HTTP helpers
# ---------------------------------------------------------------------------------------------
# req NAME METHOD PATH [curl args...]
# Sets STATUS, BODY, HEADERS (CR stripped), CTYPE; keeps the body in $BODY_FILE.
REQ_N=0
req() {
  local label=$1 method=$2 path=$3
  shift 3
  REQ_N=$((REQ_N + 1))
  local stem
  printf -v stem '%s/http/%s-%02d' "$RUN" "$label" "$REQ_N"
  BODY_FILE=$stem.body
  local out
  out=$(curl -sS --max-time 30 -X "$method" -D "$stem.headers" -o "$BODY_FILE" \
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
    # first "value":"..." after "key":"token"
    printf '%s' "$BODY" | tr -d '\n' \
      | sed -n "s/.*\"key\"$S:$S\"token\"//p" | grep -Eo "\"value\"$S:$S\"[^\"]*\"" | head -n 1 \
      | sed -E 's/.*"([^"]*)"$/\1/' || true
  fi
}

# flip one character in the middle of the payload (second) segment of a JWT
tamper_token() {
  local jwt=$1 h p s i c r
  IFS=. read -r h p s <<<"$jwt"
  i=$((${#p} / 2))
  c=${p:i:1}
  if [[ $c == A ]]; then r=B; else r=A; fi
  printf '%s.%s%s%s.%s' "$h" "${p:0:i}" "$r" "${p:i+1}" "$s"
}

# ---------------------------------------------------------------------------------------------
# the flow, identical for every container
# ---------------------------------------------------------------------------------------------
check_flow() { # PORT NAME
  PORT=$1
  local n=$2
  local email
  email="ada-$(date +%s)-$RANDOM$RANDOM@example.com"
  local pw='correct horse battery'
  local signup="{\"attributes\":{\"name\":\"Ada\",\"email\":\"$email\",\"password\":\"$pw\",\"passwordConfirm\":\"$pw\"}}"
  local jwt=

  # 1. guest
  req "$n" GET /whoami
  if [[ $STATUS == 200 && $BODY == guest ]]; then pass "$n" "GET /whoami without a token is guest"
  else fail "$n" "GET /whoami without a token is guest" "$(exchange)"; fi

  # 2. sign-up
  post_json "$n" /action/user_account/signup "$signup"
  local what="signup returns 200, notify 'Sign-up successful' and redirect to /auth/signin"
  if [[ $STATUS == 200 ]] && body_has "\"ResponseType\"$S:$S\"client.notify\"" \
     && body_has 'Sign-up successful' && body_has '"client\.redirect"' && body_has '/auth/signin'; then
    pass "$n" "$what"
  else fail "$n" "$what" "$(exchange)"; fi

  # 3. same e-mail again
  post_json "$n" /action/user_account/signup "$signup"
  what="second signup with the same email is 409 email_taken"
  if [[ $STATUS == 409 ]] && body_has "\"code\"$S:$S\"email_taken\""; then pass "$n" "$what"
  else fail "$n" "$what" "$(exchange)"; fi

  # 4. mismatched confirmation
  post_json "$n" /action/user_account/signup \
    "{\"attributes\":{\"name\":\"Bob\",\"email\":\"bob-$RANDOM@example.com\",\"password\":\"$pw\",\"passwordConfirm\":\"$pw!\"}}"
  what="signup with mismatched passwordConfirm is 400 password_mismatch"
  if [[ $STATUS == 400 ]] && body_has 'password_mismatch'; then pass "$n" "$what"
  else fail "$n" "$what" "$(exchange)"; fi

  # 5. sign-in
  post_json "$n" /action/user_account/signin "{\"attributes\":{\"email\":\"$email\",\"password\":\"$pw\"}}"
  what="signin returns 200 with client.store.set token (a JWT)"
  if [[ $STATUS == 200 ]] && body_has '"client\.store\.set"'; then
    jwt=$(extract_token)
    if [[ $jwt =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ]]; then pass "$n" "$what"
    else fail "$n" "$what" "no JWT in client.store.set token value: $(exchange)"; jwt=; fi
  else fail "$n" "$what" "$(exchange)"; fi
  what="signin sets cookie token with HttpOnly and SameSite=Strict"
  local cookie
  cookie=$(printf '%s\n' "$HEADERS" | grep -i '^set-cookie:[[:space:]]*token=[^;]' | head -n 1 || true)
  if [[ -n $cookie ]] && grep -qi 'HttpOnly' <<<"$cookie" && grep -qi 'SameSite=Strict' <<<"$cookie"; then
    pass "$n" "$what"
  else
    fail "$n" "$what" "Set-Cookie headers: $(printf '%s\n' "$HEADERS" | grep -i '^set-cookie:' | tr '\n' ' ' || true)"
  fi

  # 6. wrong password / unknown e-mail: 401, identical replies
  post_json "$n" /action/user_account/signin "{\"attributes\":{\"email\":\"$email\",\"password\":\"wrong horse battery\"}}"
  local wrong_pw_file=$BODY_FILE wrong_pw_status=$STATUS
  what="signin with a wrong password is 401 invalid_credentials"
  if [[ $STATUS == 401 ]] && body_has "\"code\"$S:$S\"invalid_credentials\""; then pass "$n" "$what"
  else fail "$n" "$what" "$(exchange)"; fi
  post_json "$n" /action/user_account/signin \
    "{\"attributes\":{\"email\":\"nobody-$RANDOM$RANDOM@example.com\",\"password\":\"$pw\"}}"
  what="signin with an unknown email is 401 with a body identical to the wrong-password reply"
  if [[ $STATUS == 401 && $wrong_pw_status == 401 ]] && cmp -s "$wrong_pw_file" "$BODY_FILE"; then
    pass "$n" "$what"
  else fail "$n" "$what" "$(exchange); wrong-password reply: HTTP $wrong_pw_status, body: $(tr '\n' ' ' <"$wrong_pw_file")"; fi

  if [[ -z $jwt ]]; then
    fail "$n" "token checks (bearer, cookie, tampered, signout)" "skipped: no token from signin"
  else
    # 7. bearer
    req "$n" GET /whoami -H "Authorization: Bearer $jwt"
    what="GET /whoami with Authorization: Bearer is the email"
    if [[ $STATUS == 200 && $BODY == "$email" ]]; then pass "$n" "$what"
    else fail "$n" "$what" "expected $email; $(exchange)"; fi

    # 8. cookie
    req "$n" GET /whoami -H "Cookie: token=$jwt"
    what="GET /whoami with Cookie: token is the email"
    if [[ $STATUS == 200 && $BODY == "$email" ]]; then pass "$n" "$what"
    else fail "$n" "$what" "expected $email; $(exchange)"; fi

    # 9. tampered
    local bad
    bad=$(tamper_token "$jwt")
    req "$n" GET /whoami -H "Authorization: Bearer $bad"
    what="GET /whoami with a tampered token is guest"
    if [[ $STATUS == 200 && $BODY == guest && $bad != "$jwt" ]]; then pass "$n" "$what"
    else fail "$n" "$what" "$(exchange)"; fi

    # 10. sign-out revokes the token
    post_json "$n" /action/user_account/signout '{"attributes":{}}' -H "Authorization: Bearer $jwt"
    what="signout with the bearer token returns 200"
    if [[ $STATUS == 200 ]]; then pass "$n" "$what"
    else fail "$n" "$what" "$(exchange)"; fi
    req "$n" GET /whoami -H "Authorization: Bearer $jwt"
    what="GET /whoami with the signed-out token is guest"
    if [[ $STATUS == 200 && $BODY == guest ]]; then pass "$n" "$what"
    else fail "$n" "$what" "$(exchange)"; fi
  fi

  # 11. sign-in page
  req "$n" GET /auth/signin
  what="GET /auth/signin is 200 text/html with a <form"
  if [[ $STATUS == 200 && ${CTYPE,,} == text/html* ]] && body_has '<form'; then pass "$n" "$what"
  else fail "$n" "$what" "content-type ${CTYPE:-none}; $(exchange)"; fi
}

# json_id — data.id of the last JSON:API reply
json_id() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["id"])' "$BODY_FILE" 2>/dev/null || true
}

# sub claim of a JWT
jwt_sub() {
  python3 -c 'import base64,json,sys; p=sys.argv[1].split(".")[1]; p+="="*(-len(p)%4); print(json.loads(base64.urlsafe_b64decode(p))["sub"])' "$1" 2>/dev/null || true
}

new_token() { # NAME LABEL -> prints a token for a new user
  local n=$1 who=$2 pw='correct horse battery'
  local email="$who-$(date +%s)-$RANDOM$RANDOM@example.com"
  post_json "$n" /action/user_account/signup \
    "{\"attributes\":{\"name\":\"$who\",\"email\":\"$email\",\"password\":\"$pw\",\"passwordConfirm\":\"$pw\"}}"
  post_json "$n" /action/user_account/signin "{\"attributes\":{\"email\":\"$email\",\"password\":\"$pw\"}}"
  extract_token
}

# README's sharing walk-through: a private note shared with a group read-only, then unshared
check_sharing() { # PORT NAME
  PORT=$1
  local n=$2 what ada bob note group
  ada=$(new_token "$n" ada)
  bob=$(new_token "$n" bob)
  if [[ -z $ada || -z $bob ]]; then fail "$n" "sharing walk-through" "skipped: no tokens"; return; fi

  req "$n" POST /notes -H "Authorization: Bearer $ada" --data-binary 'draft'
  note=$(printf '%s\n' "$HEADERS" | grep -i '^location:' | sed -E 's#.*/notes/([0-9]+).*#\1#' | head -n 1)
  req "$n" GET "/notes/$note" -H "Authorization: Bearer $bob"
  what="a new note is private: another user gets 403"
  if [[ -n $note && $STATUS == 403 ]]; then pass "$n" "$what"; else fail "$n" "$what" "note '$note'; $(exchange)"; fi

  post_json "$n" /api/usergroup '{"data":{"type":"usergroup","attributes":{"name":"reviewers-'$RANDOM$RANDOM'"}}}' \
    -H "Authorization: Bearer $ada"
  group=$(json_id)
  post_json "$n" "/api/usergroup/$group/members" "{\"data\":{\"type\":\"user_account\",\"id\":\"$(jwt_sub "$bob")\"}}" \
    -H "Authorization: Bearer $ada"
  what="the owner makes a group and adds a member (201, 204)"
  if [[ -n $group && $STATUS == 204 ]]; then pass "$n" "$what"; else fail "$n" "$what" "$(exchange)"; fi

  req "$n" PUT "/api/instance/note/$note/groups/$group" -H "Authorization: Bearer $ada" -H 'Content-Type: application/json' \
    --data-binary '{"data":{"type":"usergroup","attributes":{"permission":"group:pr"}}}'
  what="the owner shares the note with the group read-only (200, group:pr)"
  if [[ $STATUS == 200 ]] && body_has '"group:pr"'; then pass "$n" "$what"; else fail "$n" "$what" "$(exchange)"; fi

  req "$n" GET "/notes/$note" -H "Authorization: Bearer $bob"
  local read=$STATUS
  req "$n" DELETE "/notes/$note" -H "Authorization: Bearer $bob"
  what="the member reads the shared note (200) but may not delete it (403)"
  if [[ $read == 200 && $STATUS == 403 ]]; then pass "$n" "$what"; else fail "$n" "$what" "GET $read; $(exchange)"; fi

  req "$n" DELETE "/api/instance/note/$note/groups/$group" -H "Authorization: Bearer $ada"
  local unshared=$STATUS
  req "$n" GET "/notes/$note" -H "Authorization: Bearer $bob"
  what="after unsharing (204) the member gets 403 again"
  if [[ $unshared == 204 && $STATUS == 403 ]]; then pass "$n" "$what"; else fail "$n" "$what" "DELETE $unshared; $(exchange)"; fi
}

# ---------------------------------------------------------------------------------------------
# run: start both (in parallel), then check each
# ---------------------------------------------------------------------------------------------
log "WAR: ${WAR#"$ROOT"/}"
JETTY_OK=0
TOMCAT_OK=0
CONTAINERS_AT=$SECONDS
start_jetty || true
start_tomcat || true
if [[ -n $JETTY_PID ]] && wait_ready jetty "$JETTY_PORT" "$JETTY_PID"; then JETTY_OK=1; fi
if [[ -n $TOMCAT_PID ]] && wait_ready tomcat "$TOMCAT_PORT" "$TOMCAT_PID"; then TOMCAT_OK=1; fi

# (called in an || list, so a failing command inside a check never aborts the run)
if [[ $JETTY_OK == 1 ]]; then check_flow "$JETTY_PORT" jetty || true; check_sharing "$JETTY_PORT" jetty || true; fi
if [[ $TOMCAT_OK == 1 ]]; then check_flow "$TOMCAT_PORT" tomcat || true; check_sharing "$TOMCAT_PORT" tomcat || true; fi

FINISHED=1
