#!/usr/bin/env bash
# From an empty database to a working grant with a policy applied from a file, with nothing but
# `npx toolgate` and curl.
#
#   TOOLGATE_URL=http://localhost:3000 scripts/quickstart.sh UPSTREAM_MCP_URL POLICY_FILE
#
# Without TOOLGATE_API_KEY it bootstraps an organisation first (ADMIN_EMAIL, ADMIN_PASSWORD,
# ORG_NAME); on the embedded database run that while the app is stopped, since PGlite allows one
# process per data folder. Prints the proxy URL and the grant token, then calls a tool through it.
set -euo pipefail
upstream_url=${1:?usage: quickstart.sh UPSTREAM_MCP_URL POLICY_FILE}
policy_file=${2:?usage: quickstart.sh UPSTREAM_MCP_URL POLICY_FILE}
export TOOLGATE_URL=${TOOLGATE_URL:-http://localhost:3000}
toolgate() { npx --no-install toolgate "$@"; }

if [ -z "${TOOLGATE_API_KEY:-}" ]; then
  TOOLGATE_API_KEY=$(toolgate admin create-org --name "${ORG_NAME:-Quickstart}" --email "${ADMIN_EMAIL:?set ADMIN_EMAIL}" \
    --password "${ADMIN_PASSWORD:?set ADMIN_PASSWORD}" --field apiKey)
  export TOOLGATE_API_KEY
fi

curl -fsS --retry 30 --retry-delay 1 --retry-connrefused "$TOOLGATE_URL/readyz" > /dev/null
server_id=$(toolgate servers add --name "${SERVER_NAME:-upstream}" --url "$upstream_url" --field id)
policy_id=$(toolgate policies apply "$policy_file" --server "$server_id" --name "${POLICY_NAME:-default}" --field policyId)
token=$(toolgate grants mint --server "$server_id" --label "${GRANT_LABEL:-agent}" --policy "$policy_id" --field token)
proxy_url="$TOOLGATE_URL/mcp/$server_id"
echo "proxy URL: $proxy_url"
echo "grant token: $token"

# The grant works: a stateless tools/list through the proxy, as an MCP client would send it.
curl -fsS "$proxy_url" -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
  -H "Accept: application/json, text/event-stream" -H "MCP-Protocol-Version: 2025-11-25" \
  -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"quickstart","version":"1"}}}'
echo
