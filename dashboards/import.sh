#!/usr/bin/env bash
# Loads Vigil's Kibana saved objects (data views, Lens visualisations, dashboards) through Kibana's saved objects
# import API, overwriting earlier versions of the same ids.
#   KIBANA_URL                     e.g. https://kibana.example:5601 (required)
#   KIBANA_API_KEY                 an API key (encoded form), or
#   KIBANA_USERNAME / KIBANA_PASSWORD  basic auth
#   KIBANA_SPACE                   optional space id (default space when unset)
#   KIBANA_CACERT                  optional CA file for https
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
file="${1:-$here/vigil.ndjson}"
: "${KIBANA_URL:?set KIBANA_URL, e.g. http://127.0.0.1:5601}"
[ -f "$file" ] || { echo "import.sh: no such file: $file" >&2; exit 2; }
command -v curl >/dev/null || { echo "import.sh: curl is required" >&2; exit 2; }

auth=()
if [ -n "${KIBANA_API_KEY:-}" ]; then
  auth=(-H "Authorization: ApiKey ${KIBANA_API_KEY}")
elif [ -n "${KIBANA_USERNAME:-}" ]; then
  : "${KIBANA_PASSWORD:?KIBANA_USERNAME is set but KIBANA_PASSWORD is not}"
  auth=(-u "${KIBANA_USERNAME}:${KIBANA_PASSWORD}")
fi
tls=()
[ -n "${KIBANA_CACERT:-}" ] && tls=(--cacert "$KIBANA_CACERT")
base="${KIBANA_URL%/}"
[ -n "${KIBANA_SPACE:-}" ] && base="$base/s/${KIBANA_SPACE}"

out="$(mktemp)"; trap 'rm -f "$out"' EXIT
status="$(curl -sS -o "$out" -w '%{http_code}' "${auth[@]}" "${tls[@]}" -H 'kbn-xsrf: vigil-import' \
  -X POST "$base/api/saved_objects/_import?overwrite=true" -F "file=@${file};type=application/ndjson")" || {
  echo "import.sh: cannot reach Kibana at $KIBANA_URL" >&2; exit 1; }
if [ "$status" != 200 ]; then
  echo "import.sh: Kibana answered HTTP $status:" >&2; cat "$out" >&2; echo >&2
  [ "$status" = 401 ] && echo "import.sh: check KIBANA_API_KEY or KIBANA_USERNAME/KIBANA_PASSWORD" >&2
  exit 1
fi
if grep -q '"success":true' "$out"; then
  count="$(grep -o '"successCount":[0-9]*' "$out" | cut -d: -f2)"
  echo "import.sh: imported ${count:-?} saved objects from $(basename "$file") into $KIBANA_URL"
else
  echo "import.sh: Kibana reported errors:" >&2; cat "$out" >&2; echo >&2; exit 1
fi
