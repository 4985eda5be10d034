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
DIST=$ROOT/.ci/work/dist
RUN=$ROOT/.ci/work/containers-it
JETTY_HOME_DIR=$DIST/jetty-home-$JETTY_VERSION
CATALINA_HOME_DIR=$DIST/apache-tomcat-$TOMCAT_VERSION
rm -rf "$RUN"
mkdir -p "$RUN"
# shellcheck source=lib/containers.sh
source "$ROOT/.ci/lib/containers.sh"

FINISHED=0
STARTED_AT=$SECONDS

trap 'containers_on_exit containers $?' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# prerequisites
# ---------------------------------------------------------------------------------------------
require_tools

if [[ ! -f $WAR_ARG ]]; then
  echo "WAR not found: $WAR_ARG (run mvn install first)" >&2
  exit 1
fi
WAR=$(cd "$(dirname "$WAR_ARG")" && pwd)/$(basename "$WAR_ARG")


fetch_dist org.eclipse.jetty jetty-home "$JETTY_VERSION" "jetty-home-$JETTY_VERSION"
fetch_dist org.apache.tomcat tomcat "$TOMCAT_VERSION" "apache-tomcat-$TOMCAT_VERSION"

# ---------------------------------------------------------------------------------------------
# helpers and the flow, identical for every container
# ---------------------------------------------------------------------------------------------
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

# the sharing walk-through of docs/authorization.md: a private note shared with a group read-only, then unshared
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
start_jetty jetty "$JETTY_HOME_DIR" "$JETTY_PORT" "ROOT=$WAR" || true
start_tomcat tomcat "$CATALINA_HOME_DIR" "$TOMCAT_PORT" "ROOT=$WAR" || true
if wait_ready jetty "$JETTY_PORT" /whoami "$CONTAINERS_AT"; then JETTY_OK=1; fi
if wait_ready tomcat "$TOMCAT_PORT" /whoami "$CONTAINERS_AT"; then TOMCAT_OK=1; fi

# (called in an || list, so a failing command inside a check never aborts the run)
if [[ $JETTY_OK == 1 ]]; then check_flow "$JETTY_PORT" jetty || true; check_sharing "$JETTY_PORT" jetty || true; fi
if [[ $TOMCAT_OK == 1 ]]; then check_flow "$TOMCAT_PORT" tomcat || true; check_sharing "$TOMCAT_PORT" tomcat || true; fi

FINISHED=1
