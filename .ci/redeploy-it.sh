#!/usr/bin/env bash
# Portcullis redeploy integration test: undeploy must leave nothing of the web application behind.
#
# Starts a real Tomcat 10.1 distribution (fetched from Maven Central with Maven itself) with its
# manager application, then deploys, uses and undeploys the WAR CYCLES times (10) through
# /manager/text. Each use signs a new user up and in with Portcullis' own actions, sends a GET
# through the filter with the token, and signs out. At the end it fails when
#   - /manager/text/findleaks (which runs a GC) reports the context as leaked,
#   - a Tomcat log has a "failed to stop it", "failed to unregister it", "ThreadLocal with key of
#     type" or "memory leak" line about the context,
#   - a thread dump (jcmd Thread.print) shows a portcullis-* thread or one of H2's, or
#   - a class histogram (after a full GC) counts more live web-app class loaders than the manager's.
#
# Usage: .ci/redeploy-it.sh [WAR [CONTEXT_PATH [HOST_PATH]]]
#   WAR           default sample-webapp/target/portcullis-sample.war
#   CONTEXT_PATH  where to deploy it, default /host
#   HOST_PATH     one path of the host application (guarded or not), asked with GET and the token;
#                 any answer below 500 passes. Default /whoami for the sample WAR, none otherwise.
#
# Environment overrides (all optional):
#   TOMCAT_VERSION (10.1.34)  REDEPLOY_PORT (18085)  CYCLES (10)  START_TIMEOUT (60 seconds)
#
# Scratch space: .ci/work/ (git-ignored). The distribution is cached, unpacked, in .ci/work/dist (the
# cache .ci/containers-it.sh uses); everything else lives in .ci/work/redeploy-it and is recreated on
# every run, so Tomcat starts with a fresh CATALINA_BASE and an empty user.home (so an empty embedded
# H2 database). Runs unattended (no stdin), as root or not.
#
# Output: `PASS <check>` / `FAIL <check> (<detail>)` lines, then exactly one closing line
# `redeploy: N passed, N failed`. Exit status is non-zero when a check failed.

set -euo pipefail

CALLER_PWD=$PWD
cd "$(dirname "$0")/.."
ROOT=$PWD

abs_path() { # path given by the caller -> absolute
  if [[ $1 == /* ]]; then printf '%s' "$1"; else printf '%s/%s' "$CALLER_PWD" "$1"; fi
}

SAMPLE_WAR=$ROOT/sample-webapp/target/portcullis-sample.war
WAR_ARG=$SAMPLE_WAR
[[ $# -ge 1 ]] && WAR_ARG=$(abs_path "$1")
CONTEXT_PATH=${2:-/host}
if [[ $# -ge 3 ]]; then
  HOST_PATH=$3
elif [[ $WAR_ARG -ef $SAMPLE_WAR ]]; then
  HOST_PATH=/whoami
else
  HOST_PATH=
fi

TOMCAT_VERSION=${TOMCAT_VERSION:-10.1.34}
PORT=${REDEPLOY_PORT:-18085}
CYCLES=${CYCLES:-10}
START_TIMEOUT=${START_TIMEOUT:-60}
STOP_TIMEOUT=15   # for containers.sh: stop_pid's wait, req's --max-time, show_log's lines
REQ_TIMEOUT=60
LOG_TAIL=80

DIST=$ROOT/.ci/work/dist
RUN=$ROOT/.ci/work/redeploy-it
CATALINA_HOME_DIR=$DIST/apache-tomcat-$TOMCAT_VERSION
BASE=$RUN/tomcat-base
LOG=$BASE/logs/catalina.out
# shellcheck source=lib/containers.sh
source "$ROOT/.ci/lib/containers.sh"

# The checks carry no container name (pass "" WHAT); the one Tomcat is "tomcat" in PIDS and LOGS, so
# the library's exit handler stops it and, when a check failed, shows its log.
FINISHED=0
STARTED_AT=$SECONDS
trap 'containers_on_exit redeploy $? ""' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# prerequisites
# ---------------------------------------------------------------------------------------------
require_tools
command -v jcmd >/dev/null || { echo "jcmd not found (it comes with the JDK)" >&2; exit 1; }
if [[ ! -f $WAR_ARG ]]; then
  echo "WAR not found: $WAR_ARG (build it: mvn -q -B -ntp package -DskipTests)" >&2
  exit 1
fi
WAR=$(cd "$(dirname "$WAR_ARG")" && pwd)/$(basename "$WAR_ARG")
if [[ ! $CONTEXT_PATH =~ ^/[A-Za-z0-9._-]+$ ]]; then
  echo "CONTEXT_PATH must be one segment such as /host, not '$CONTEXT_PATH'" >&2
  exit 1
fi
if [[ -n $HOST_PATH && $HOST_PATH != /* ]]; then
  echo "HOST_PATH must begin with /, not '$HOST_PATH'" >&2
  exit 1
fi
CONTEXT_NAME=${CONTEXT_PATH#/}        # as Tomcat names the context in its log lines: [host]

# Tomcat from Maven Central (cached, unpacked, in .ci/work/dist, shared with containers-it.sh)
fetch_dist org.apache.tomcat tomcat "$TOMCAT_VERSION" "apache-tomcat-$TOMCAT_VERSION"

# ---------------------------------------------------------------------------------------------
# a fresh CATALINA_BASE: the HTTP connector on 127.0.0.1:$PORT, no shutdown port, nothing in
# webapps/, the manager application from CATALINA_HOME, one manager-script user
# ---------------------------------------------------------------------------------------------
rm -rf "$RUN"
mkdir -p "$RUN/user-home" "$BASE"/{conf/Catalina/localhost,logs,temp,webapps,work}
cp -R "$CATALINA_HOME_DIR/conf/." "$BASE/conf/"
sed -i \
  -e "s/<Connector port=\"8080\"/<Connector port=\"$PORT\" address=\"127.0.0.1\"/" \
  -e 's/<Server port="8005"/<Server port="-1"/' \
  "$BASE/conf/server.xml"
if ! grep -q "port=\"$PORT\"" "$BASE/conf/server.xml" || ! grep -q '<Server port="-1"' "$BASE/conf/server.xml"; then
  echo "could not set the ports in conf/server.xml" >&2
  exit 1
fi
cat >"$BASE/conf/Catalina/localhost/manager.xml" <<EOF
<Context docBase="$CATALINA_HOME_DIR/webapps/manager" privileged="true" antiResourceLocking="false">
  <Valve className="org.apache.catalina.valves.RemoteAddrValve" allow="127\.\d+\.\d+\.\d+|::1|0:0:0:0:0:0:0:1"/>
</Context>
EOF

MANAGER_USER=portcullis-redeploy
MANAGER_PASSWORD=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
umask 077
cat >"$BASE/conf/tomcat-users.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
  <role rolename="manager-script"/>
  <user username="$MANAGER_USER" password="$MANAGER_PASSWORD" roles="manager-script"/>
</tomcat-users>
EOF
# the password reaches curl through a file, never through its command line (ps would show it)
printf 'machine 127.0.0.1 login %s password %s\n' "$MANAGER_USER" "$MANAGER_PASSWORD" >"$RUN/netrc"
umask 022

if port_in_use "$PORT"; then
  fail "" "Tomcat started" "port $PORT is already in use (set REDEPLOY_PORT)"
  exit 1
fi

log "starting Tomcat $TOMCAT_VERSION on 127.0.0.1:$PORT"
LOGS[tomcat]=$LOG
# `catalina.sh run` execs the JVM in the foreground, so $! is Tomcat's own pid
CATALINA_HOME=$CATALINA_HOME_DIR CATALINA_BASE=$BASE CATALINA_PID='' \
  CATALINA_OPTS="-Duser.home=$RUN/user-home -Xmx512m" \
  "$CATALINA_HOME_DIR/bin/catalina.sh" run >"$LOG" 2>&1 </dev/null &
TOMCAT_PID=$!
PIDS[tomcat]=$TOMCAT_PID

# manager COMMAND [name=value...] -> sets MANAGER (the reply's text); the values are URL-encoded
manager() {
  local command=$1 args=() pair
  shift
  for pair in "$@"; do args+=(--data-urlencode "$pair"); done
  MANAGER=$(curl -sS -G --max-time 120 --netrc-file "$RUN/netrc" "${args[@]}" \
              "http://127.0.0.1:$PORT/manager/text/$command" 2>&1) || MANAGER="curl-error: $MANAGER"
}

# ---------------------------------------------------------------------------------------------
# wait for Tomcat and its manager
# ---------------------------------------------------------------------------------------------
deadline=$((SECONDS + START_TIMEOUT))
while :; do
  if ! kill -0 "$TOMCAT_PID" 2>/dev/null; then
    fail "" "Tomcat started" "process $TOMCAT_PID exited"
    exit 1
  fi
  manager list
  [[ $MANAGER == OK* ]] && break
  if ((SECONDS >= deadline)); then
    fail "" "Tomcat started" "/manager/text/list did not answer OK within ${START_TIMEOUT} s: ${MANAGER:0:200}"
    exit 1
  fi
  sleep 1
done
pass "" "Tomcat $TOMCAT_VERSION started with its manager on 127.0.0.1:$PORT"

# ---------------------------------------------------------------------------------------------
# the cycles: deploy, use, undeploy
# ---------------------------------------------------------------------------------------------
PW='correct horse battery staple'

use_app() { # n -> 0 when every step passed; sets STEP_DETAIL
  local n=$1 email token
  email="redeploy-$n-$(date +%s)-$RANDOM$RANDOM@example.com"
  post_json "cycle-$n" "$CONTEXT_PATH/action/user_account/signup" \
    "{\"attributes\":{\"name\":\"Cycle $n\",\"email\":\"$email\",\"password\":\"$PW\",\"passwordConfirm\":\"$PW\"}}"
  [[ $STATUS == 200 ]] || { STEP_DETAIL="sign-up: $(exchange)"; return 1; }
  post_json "cycle-$n" "$CONTEXT_PATH/action/user_account/signin" "{\"attributes\":{\"email\":\"$email\",\"password\":\"$PW\"}}"
  token=$(extract_token)
  [[ $STATUS == 200 && -n $token ]] || { STEP_DETAIL="sign-in: $(exchange)"; return 1; }
  STEP_DETAIL="sign-up, sign-in"
  if [[ -n $HOST_PATH ]]; then
    req "cycle-$n" GET "$CONTEXT_PATH$HOST_PATH" -H "Authorization: Bearer $token"
    [[ $STATUS =~ ^[1-4][0-9][0-9]$ ]] || { STEP_DETAIL="GET $HOST_PATH: $(exchange)"; return 1; }
    STEP_DETAIL+=", GET $HOST_PATH $STATUS"
  fi
  post_json "cycle-$n" "$CONTEXT_PATH/action/user_account/signin" "{\"attributes\":{\"email\":\"$email\",\"password\":\"not the password\"}}"
  [[ $STATUS == 401 ]] || { STEP_DETAIL="sign-in with a wrong password: $(exchange)"; return 1; }
  post_json "cycle-$n" "$CONTEXT_PATH/action/user_account/signout" '{"attributes":{}}' -H "Authorization: Bearer $token"
  [[ $STATUS == 200 ]] || { STEP_DETAIL="sign-out: $(exchange)"; return 1; }
  STEP_DETAIL+=", wrong password 401, sign-out"
  return 0
}

log "WAR: ${WAR#"$ROOT"/} at $CONTEXT_PATH, host path: ${HOST_PATH:-none}, $CYCLES cycles"
for n in $(seq 1 "$CYCLES"); do
  at=$SECONDS
  what="cycle $n/$CYCLES: deploy, use, undeploy $CONTEXT_PATH"
  manager deploy "path=$CONTEXT_PATH" "war=file:$WAR"
  if [[ $MANAGER != OK* ]]; then
    fail "" "$what" "deploy: ${MANAGER//$'\n'/ }"
    manager undeploy "path=$CONTEXT_PATH"
    continue
  fi
  used=0
  if use_app "$n"; then used=1; fi
  manager undeploy "path=$CONTEXT_PATH"
  if [[ $MANAGER != OK* ]]; then
    fail "" "$what" "undeploy: ${MANAGER//$'\n'/ }"
  elif [[ $used == 1 ]]; then
    pass "" "$what ($STEP_DETAIL; $((SECONDS - at)) s)"
  else
    fail "" "$what" "$STEP_DETAIL"
  fi
done

# ---------------------------------------------------------------------------------------------
# what is left behind
# ---------------------------------------------------------------------------------------------
# findleaks runs a GC and lists, after its status line, every undeployed context whose class loader
# is still alive ("OK - Found potential memory leaks..." then "/host" lines; "OK - No memory leaks
# found" alone when there is none). The last one may still be on its way out: ask up to three times.
no_leak() { [[ $MANAGER == "OK - "* && $(wc -l <<<"$MANAGER") -eq 1 ]]; }
for attempt in 1 2 3; do
  manager findleaks "statusLine=true"
  no_leak && break
  sleep 3
done
if no_leak; then
  pass "" "findleaks: ${MANAGER//$'\n'/ } (attempt $attempt)"
else
  fail "" "findleaks reports no leak" "${MANAGER//$'\n'/ | }"
fi

LEAK_LINES=$RUN/leak-lines.txt
grep -h -E 'failed to stop it|failed to unregister it|ThreadLocal with key of type|memory leak' "$BASE"/logs/* 2>/dev/null \
  | grep -F "[$CONTEXT_NAME]" >"$LEAK_LINES" || true
if [[ ! -s $LEAK_LINES ]]; then
  pass "" "Tomcat's logs have no leak warning about [$CONTEXT_NAME]"
else
  # one of each kind: without the time, the thread and the objects' identity hashes
  fail "" "Tomcat's logs have no leak warning about [$CONTEXT_NAME]" \
    "$(wc -l <"$LEAK_LINES") lines, such as: $(sed -E -e 's/^.*(The web application)/\1/' -e 's/@[0-9a-f]+//g' "$LEAK_LINES" \
       | sort -u | cut -c1-220 | head -n 5 | tr '\n' '|')"
fi

DUMP=$RUN/threads.txt
jcmd "$TOMCAT_PID" Thread.print >"$DUMP" 2>&1 || true
if ! grep -q '^"' "$DUMP"; then
  fail "" "thread dump has no portcullis- or H2 thread" "no thread dump from jcmd: $(head -c 200 "$DUMP")"
elif grep -E '^"(portcullis-|MVStore background writer|H2 )' "$DUMP" >"$RUN/left-threads.txt"; then
  fail "" "thread dump has no portcullis- or H2 thread" "$(cut -d'"' -f2 "$RUN/left-threads.txt" | sort | uniq -c | tr -s ' ' | tr '\n' ',')"
else
  pass "" "thread dump has no portcullis- or H2 thread ($(grep -c '^"' "$DUMP") threads)"
fi

# GC.class_histogram counts live objects after a full GC; only the manager's loader should be left.
HISTOGRAM=$RUN/histogram.txt
jcmd "$TOMCAT_PID" GC.class_histogram >"$HISTOGRAM" 2>&1 || true
loaders=$(awk '$4 == "org.apache.catalina.loader.ParallelWebappClassLoader" { print $2 }' "$HISTOGRAM")
filters=$(awk '$4 == "org.portcullis.filter.PortcullisFilter" { print $2 }' "$HISTOGRAM")
if ! grep -q 'java.lang.String' "$HISTOGRAM"; then
  fail "" "after a full GC only the manager's class loader is alive" "no class histogram from jcmd: $(head -c 200 "$HISTOGRAM")"
elif [[ ${loaders:-0} -le 1 && -z $filters ]]; then
  pass "" "after a full GC: ${loaders:-0} web-app class loader alive (the manager's), no PortcullisFilter"
else
  fail "" "after a full GC only the manager's class loader is alive" \
    "${loaders:-0} ParallelWebappClassLoader, ${filters:-0} PortcullisFilter instances alive"
fi

FINISHED=1
