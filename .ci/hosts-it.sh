#!/usr/bin/env bash
# Portcullis as real hosts consume it, outside this repository's reactor.
#
# Builds the inventory host (compat/inventory-host: its own pom.xml, no parent) against the artifacts
# installed in the local Maven repository, in three variants: plain, pinning its own Jackson 2.12 and
# Caffeine 2 (jackson212), and with its own Hibernate persistence unit (hibernate); builds the same
# sources without Maven from the one jar (plain, compat/plain-host/build.sh) and for javax.servlet from
# the javax jar (javax). Deploys the four jakarta WARs side by side (/maven, /jackson, /hibernate,
# /plain) into real Jetty 12 and Tomcat 10.1 distributions and the javax WAR (/javax) into a real
# Tomcat 9.0, and drives in each: sign-up, sign-in, the principal APIs, a guarded create and read,
# another user refused, a guest refused, and the variant's own libraries at work.
#
# Usage: .ci/hosts-it.sh            (after `mvn install`: it uses ~/.m2's org.portcullis artifacts)
# Environment: PORTCULLIS_VERSION (0.1.0-SNAPSHOT), JETTY_VERSION (12.1.1), TOMCAT_VERSION (10.1.34),
#   TOMCAT9_VERSION (9.0.98), ports JETTY_PORT (18180), TOMCAT_PORT (18181), TOMCAT9_PORT (18182).
# Output: PASS/FAIL lines, one closing line `hosts: N passed, N failed`; non-zero exit on a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PORTCULLIS_VERSION=${PORTCULLIS_VERSION:-0.1.0-SNAPSHOT}
JETTY_VERSION=${JETTY_VERSION:-12.1.1}
TOMCAT_VERSION=${TOMCAT_VERSION:-10.1.34}
TOMCAT9_VERSION=${TOMCAT9_VERSION:-9.0.98}
START_TIMEOUT=${START_TIMEOUT:-180}   # four web apps each, on a 2-core machine
JETTY_PORT=${JETTY_PORT:-18180}
TOMCAT_PORT=${TOMCAT_PORT:-18181}
TOMCAT9_PORT=${TOMCAT9_PORT:-18182}

RUN=$ROOT/.ci/work/hosts-it
rm -rf "$RUN"
mkdir -p "$RUN/wars"
# shellcheck source=lib/containers.sh
source "$ROOT/.ci/lib/containers.sh"

FINISHED=0
STARTED_AT=$SECONDS
trap 'containers_on_exit hosts $?' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
require_tools

REPO=$(cd "$RUN" && mvn -q -B -N help:evaluate -Dexpression=settings.localRepository -DforceStdout -Dstyle.color=never 2>/dev/null | sed "s/\x1b\[[0-9;]*m//g" || true)
[[ -d $REPO ]] || REPO=$HOME/.m2/repository
PUBLISHED=$REPO/org/portcullis/portcullis-filter/$PORTCULLIS_VERSION
JAR=$PUBLISHED/portcullis-filter-$PORTCULLIS_VERSION.jar
JAVAX_JAR=$PUBLISHED/portcullis-filter-$PORTCULLIS_VERSION-javax.jar
H2_JAR=$(find "$REPO/com/h2database/h2" -name 'h2-2.3.232.jar' | head -n 1)
for f in "$JAR" "$JAVAX_JAR" "$H2_JAR"; do
  [[ -f $f ]] || { echo "missing $f: run mvn install first" >&2; exit 1; }
done

# The javax jar must not name the jakarta Servlet API anywhere in Portcullis' own classes: a dispatch
# attribute left as jakarta.servlet.include.* would be read as absent on Tomcat 9.
JAKARTA_NAMES=$( (unzip -p "$JAVAX_JAR" 'org/portcullis/*' || true) | grep -ac 'jakarta[./]servlet' || true)
if [[ ${JAKARTA_NAMES:-0} -gt 0 ]]; then
  fail javax "the javax jar names no jakarta.servlet type or attribute" "found in $(basename "$JAVAX_JAR")"
else pass javax "the javax jar names no jakarta.servlet type or attribute"; fi

fetch_dist org.eclipse.jetty jetty-home "$JETTY_VERSION" "jetty-home-$JETTY_VERSION"
fetch_dist org.apache.tomcat tomcat "$TOMCAT_VERSION" "apache-tomcat-$TOMCAT_VERSION"
fetch_dist org.apache.tomcat tomcat "$TOMCAT9_VERSION" "apache-tomcat-$TOMCAT9_VERSION"
TOMCAT_HOME=$DIST/apache-tomcat-$TOMCAT_VERSION
TOMCAT9_HOME=$DIST/apache-tomcat-$TOMCAT9_VERSION

# ---------------------------------------------------------------------------------------------
# the hosts
# ---------------------------------------------------------------------------------------------
build_maven_host() { # variant [profile]
  local variant=$1 profile=${2:-}
  log "building the Maven host ($variant) outside the reactor"
  # from a scratch directory, so nothing of this repository's own build applies
  if ! (cd "$RUN" && mvn -B -ntp -q -f "$ROOT/compat/inventory-host/pom.xml" clean package \
        -Dportcullis.version="$PORTCULLIS_VERSION" ${profile:+-P"$profile"}) >"$RUN/build-$variant.log" 2>&1; then
    tail -n 40 "$RUN/build-$variant.log" >&2
    fail "$variant" "host builds" "mvn package failed"
    return 1
  fi
  cp "$ROOT/compat/inventory-host/target/inventory.war" "$RUN/wars/$variant.war"
  describe_war "$variant"
}

describe_war() { # variant: what the WAR resolved, for the log
  printf 'host %s: WEB-INF/lib: %s\n' "$1" \
    "$(unzip -l "$RUN/wars/$1.war" 'WEB-INF/lib/*.jar' | awk '$4 ~ /\.jar$/ {sub(".*/", "", $4); printf "%s (%d KiB) ", $4, $1/1024}')"
}

build_maven_host maven || true
build_maven_host jackson jackson212 || true
build_maven_host hibernate hibernate || true
rm -rf "$ROOT/compat/inventory-host/target"
log "building the host without Maven, from the one jar (jakarta and javax)"
if bash compat/plain-host/build.sh "$TOMCAT_HOME/lib/servlet-api.jar" "$JAR" "$H2_JAR" "$RUN/wars/plain.war" >"$RUN/build-plain.log" 2>&1; then
  describe_war plain
else cat "$RUN/build-plain.log" >&2; fail plain "host builds" "compat/plain-host/build.sh failed"; fi
if bash compat/plain-host/build.sh --javax "$TOMCAT9_HOME/lib/servlet-api.jar" "$JAVAX_JAR" "$H2_JAR" "$RUN/wars/javax.war" >"$RUN/build-javax.log" 2>&1; then
  describe_war javax
else cat "$RUN/build-javax.log" >&2; fail javax "host builds" "compat/plain-host/build.sh --javax failed"; fi

# ---------------------------------------------------------------------------------------------
# the checks, per host context
# ---------------------------------------------------------------------------------------------
check_host() { # container port context
  local c=$1 variant=$3 n what owner other item
  PORT=$2
  CTX=/$variant
  n=$c-$variant   # label of the exchanges kept in $RUN/http

  req "$n" GET "$CTX/account"
  what="a guest is nobody to the host (getRemoteUser null, the Java API says guest)"
  if [[ $STATUS == 200 ]] && body_has 'remoteUser=null' && body_has 'apiEmail=guest'; then pass "$c" "$variant: $what"
  else fail "$c" "$variant: $what" "$(exchange)"; fi

  owner=$(new_token "$n" ada)
  local owner_email
  what="sign-up and sign-in give a token"
  if [[ $owner =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ]]; then pass "$c" "$variant: $what"
  else fail "$c" "$variant: $what" "$(exchange)"; return; fi
  owner_email=$(sed -n 's/.*"email":"\([^"]*\)".*/\1/p' <<<"$(jwt_claims "$owner")")

  req "$n" GET "$CTX/account" -H "Authorization: Bearer $owner"
  what="the principal APIs name the user (remote user, principal, BEARER, in role users, not administrators, Java API)"
  if [[ $STATUS == 200 ]] && body_has "remoteUser=$owner_email" && body_has "principal=" && body_has 'authType=BEARER' \
     && body_has 'inUsers=true' && body_has 'inAdministrators=false' && body_has "apiEmail=$owner_email"; then pass "$c" "$variant: $what"
  else fail "$c" "$variant: $what" "expected $owner_email; $(exchange)"; fi

  req "$n" GET "$CTX/account" -H "Cookie: token=$owner"
  what="the token cookie identifies the user too (authType COOKIE)"
  if [[ $STATUS == 200 ]] && body_has "remoteUser=$owner_email" && body_has 'authType=COOKIE'; then pass "$c" "$variant: $what"
  else fail "$c" "$variant: $what" "$(exchange)"; fi

  req "$n" POST "$CTX/items" -H "Authorization: Bearer $owner" -H 'Content-Type: text/plain' --data-binary 'brass hinge'
  item=$(header location | sed -nE 's#.*/items/([0-9]+)$#\1#p')
  what="a guarded create answers 201 with the item's Location"
  if [[ $STATUS == 201 && -n $item ]]; then pass "$c" "$variant: $what"; else fail "$c" "$variant: $what" "$(exchange)"; return; fi

  req "$n" GET "$CTX/items/$item" -H "Authorization: Bearer $owner"
  what="the owner reads the item (200)"
  if [[ $STATUS == 200 && $BODY == 'brass hinge' ]]; then pass "$c" "$variant: $what"; else fail "$c" "$variant: $what" "$(exchange)"; fi

  other=$(new_token "$n" bob)
  req "$n" GET "$CTX/items/$item" -H "Authorization: Bearer $other"
  what="another user is refused (403)"
  if [[ $STATUS == 403 ]] && body_has '"code"'; then pass "$c" "$variant: $what"; else fail "$c" "$variant: $what" "$(exchange)"; fi

  req "$n" GET "$CTX/items/$item" -H 'Accept: application/json'
  what="a guest API client is refused (401 with WWW-Authenticate: Bearer)"
  if [[ $STATUS == 401 ]] && [[ $(header www-authenticate) == Bearer* ]]; then pass "$c" "$variant: $what"; else fail "$c" "$variant: $what" "$(exchange)"; fi

  req "$n" GET "$CTX/preview/$item"
  what="an unguarded page that includes the guarded item shows a guest nothing of it"
  if [[ $STATUS != 000 ]] && ! body_has 'brass hinge'; then pass "$c" "$variant: $what"; else fail "$c" "$variant: $what" "$(exchange)"; fi
  req "$n" GET "$CTX/preview/$item" -H "Authorization: Bearer $other"
  what="... nor another user"
  if [[ $STATUS != 000 ]] && ! body_has 'brass hinge'; then pass "$c" "$variant: $what"; else fail "$c" "$variant: $what" "$(exchange)"; fi
  req "$n" GET "$CTX/preview/$item" -H "Authorization: Bearer $owner"
  what="... and shows it to the owner (200)"
  if [[ $STATUS == 200 && $BODY == 'preview: brass hinge' ]]; then pass "$c" "$variant: $what"; else fail "$c" "$variant: $what" "$(exchange)"; fi

  req "$n" GET "$CTX/items/$item" -H 'Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8'
  local location
  location=$(header location)
  what="a guest's browser is sent to the sign-in page with the way back (302, next=$CTX/items/$item)"
  if [[ $STATUS == 302 && $location == *"$CTX/auth/signin?next=%2F${variant}%2Fitems%2F$item" ]] && ! body_has 'brass hinge'; then
    pass "$c" "$variant: $what"
  else fail "$c" "$variant: $what" "Location ${location:-none}; $(exchange)"; fi
  req "$n" GET "${location#http*://127.0.0.1:$PORT}" -H 'Accept: text/html'
  what="the sign-in page it names answers 200 text/html"
  if [[ $STATUS == 200 && ${CTYPE,,} == text/html* ]] && body_has '<form'; then pass "$c" "$variant: $what"
  else fail "$c" "$variant: $what" "$(exchange)"; fi
  req "$n" GET "$CTX/items/$item" -H 'Accept: text/html' -H "Cookie: token=$owner"
  what="back on the page after signing in, with the token cookie the browser now has (200)"
  if [[ $STATUS == 200 && $BODY == 'brass hinge' ]]; then pass "$c" "$variant: $what"; else fail "$c" "$variant: $what" "$(exchange)"; fi

  case $variant in
    jackson)
      req "$n" GET "$CTX/report"
      what="the host's own Jackson 2.12 and Caffeine 2 work beside Portcullis"
      if [[ $STATUS == 200 ]] && body_has '"jackson":"2\.12\.7"' && body_has '"caffeine":"caffeine-2\.9\.3\.jar"'; then pass "$c" "$variant: $what"
      else fail "$c" "$variant: $what" "$(exchange)"; fi ;;
    hibernate)
      req "$n" GET "$CTX/report"
      what="the host's own unit (no <provider>) gets Hibernate, not EclipseLink, and writes a row"
      if [[ $STATUS == 200 ]] && body_has 'provider=org\.hibernate\.' && body_has 'rows=1'; then pass "$c" "$variant: $what"
      else fail "$c" "$variant: $what" "$(exchange)"; fi ;;
  esac
}

# jwt_claims TOKEN -> the payload JSON
jwt_claims() {
  python3 -c 'import base64,sys; p=sys.argv[1].split(".")[1]; p+="="*(-len(p)%4); print(base64.urlsafe_b64decode(p).decode())' "$1" 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------------
# run: start the three containers (in parallel), then check each host in each
# ---------------------------------------------------------------------------------------------
JAKARTA_HOSTS=()
for variant in maven jackson hibernate plain; do
  [[ -f $RUN/wars/$variant.war ]] && JAKARTA_HOSTS+=("$variant=$RUN/wars/$variant.war")
done
AT=$SECONDS
start_jetty jetty12 "$DIST/jetty-home-$JETTY_VERSION" "$JETTY_PORT" "${JAKARTA_HOSTS[@]}" || true
start_tomcat tomcat10 "$TOMCAT_HOME" "$TOMCAT_PORT" "${JAKARTA_HOSTS[@]}" || true
[[ -f $RUN/wars/javax.war ]] && { start_tomcat tomcat9 "$TOMCAT9_HOME" "$TOMCAT9_PORT" "javax=$RUN/wars/javax.war" || true; }

for spec in "jetty12 $JETTY_PORT maven jackson hibernate plain" "tomcat10 $TOMCAT_PORT maven jackson hibernate plain" \
            "tomcat9 $TOMCAT9_PORT javax"; do
  read -r container port variants <<<"$spec"
  for variant in $variants; do
    [[ -f $RUN/wars/$variant.war ]] || continue
    if wait_ready "$container" "$port" "/$variant/account" "$AT"; then
      check_host "$container" "$port" "$variant" || true
    fi
  done
done

FINISHED=1
