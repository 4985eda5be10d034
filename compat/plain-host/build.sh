#!/usr/bin/env bash
# Builds the inventory host without Maven, the way an Ant or hand-made legacy build does: javac against
# the container's servlet-api.jar, then a WAR whose WEB-INF/lib holds exactly the one Portcullis jar and
# a JDBC driver. With --javax the same sources are built for a javax.servlet container (Tomcat 9,
# Jetty 9.4/10) against the javax variant of the jar: a javax legacy app says javax where the jakarta
# one says jakarta, so the sources are copied with that one word changed.
#
# Usage: compat/plain-host/build.sh [--javax] SERVLET_API_JAR PORTCULLIS_JAR DRIVER_JAR OUT_WAR
set -euo pipefail

JAVAX=0
if [[ ${1:-} == --javax ]]; then JAVAX=1; shift; fi
if [[ $# -ne 4 ]]; then
  sed -n '2,9p' "$0" >&2
  exit 2
fi
SERVLET_API=$1 PORTCULLIS=$2 DRIVER=$3 OUT=$4
HOST=$(cd "$(dirname "$0")/../inventory-host" && pwd)

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/src" "$WORK/war/WEB-INF/classes" "$WORK/war/WEB-INF/lib"
cp -R "$HOST/src/main/java/." "$WORK/src/"
cp "$HOST/src/main/webapp/WEB-INF/web.xml" "$WORK/war/WEB-INF/web.xml"
if [[ $JAVAX -eq 1 ]]; then
  find "$WORK/src" -name '*.java' -exec sed -i 's/\bjakarta\.servlet\b/javax.servlet/g' {} +
fi

find "$WORK/src" -name '*.java' >"$WORK/sources.txt"
javac --release 17 -encoding UTF-8 -nowarn -d "$WORK/war/WEB-INF/classes" \
  -cp "$SERVLET_API:$PORTCULLIS" @"$WORK/sources.txt"
cp "$PORTCULLIS" "$DRIVER" "$WORK/war/WEB-INF/lib/"

mkdir -p "$(dirname "$OUT")"
OUT=$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")
rm -f "$OUT"
(cd "$WORK/war" && jar --create --file "$OUT" .)
echo "built $OUT ($(cd "$WORK/war" && find WEB-INF/lib -name '*.jar' -printf '%f ' ))"
