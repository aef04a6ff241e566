#!/usr/bin/env bash
# Deploys ITIL-NEXT to Azure: Bicep deployment, Function App package (zip deploy), web app
# (Static Web App), Cosmos container setup, then prints the URLs. See docs/deploy.md.
# Usage: infra/deploy.sh <dev|prod> <resource-group> [location]
set -euo pipefail

ENVIRONMENT="${1:?usage: infra/deploy.sh <dev|prod> <resource-group> [location]}"
RESOURCE_GROUP="${2:?usage: infra/deploy.sh <dev|prod> <resource-group> [location]}"
LOCATION="${3:-westeurope}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PARAMS="$ROOT/bicep/main.parameters.$ENVIRONMENT.json"
# Paths the Function App's platform authentication must let through without a Static Web Apps
# token (Graph calls the webhook directly and checks nothing but our clientState; HubSpot's
# webhook is checked by its X-HubSpot-Signature-v3).
ANONYMOUS_PATHS="${ANONYMOUS_PATHS:-/api/mail/graph/notifications,/api/mail/graph/lifecycle,/api/crm/hubspot/webhooks}"

command -v az >/dev/null || { echo "az CLI not found" >&2; exit 1; }
az account show >/dev/null 2>&1 || { echo "Not logged in: run 'az login' first" >&2; exit 1; }
[[ -f "$PARAMS" ]] || { echo "No parameter file $PARAMS" >&2; exit 1; }
cd "$ROOT"

echo "==> Generating the Cosmos container list from shared/storage/containers.ts"
npx tsx infra/bicep-cosmos-containers.ts

echo "==> Resource group $RESOURCE_GROUP ($LOCATION)"
az group create --name "$RESOURCE_GROUP" --location "$LOCATION" --output none

echo "==> Deploying bicep/main.bicep ($ENVIRONMENT)"
DEPLOYMENT="itil-next-$(date +%Y%m%d%H%M%S)"
az deployment group create --resource-group "$RESOURCE_GROUP" --name "$DEPLOYMENT" \
  --template-file bicep/main.bicep --parameters "@$PARAMS" --output none
output() { az deployment group show -g "$RESOURCE_GROUP" -n "$DEPLOYMENT" --query "properties.outputs.$1.value" -o tsv; }
FUNCTION_APP="$(output functionAppName)"
FUNCTION_URL="$(output functionAppUrl)"
SWA_NAME="$(output staticWebAppName)"
SWA_URL="$(output staticWebAppUrl)"
COSMOS_ENDPOINT="$(output cosmosEndpoint)"
COSMOS_DATABASE="$(output cosmosDatabase)"

echo "==> Building and publishing the Function App package"
npm ci
npm run build
PACKAGE_DIR="$(mktemp -d)"
trap 'rm -rf "$PACKAGE_DIR"' EXIT
cp -r dist host.json package.json package-lock.json "$PACKAGE_DIR/"
(cd "$PACKAGE_DIR" && npm ci --omit=dev --ignore-scripts=false >/dev/null && zip -qr ../function-package.zip .)
az functionapp deployment source config-zip --resource-group "$RESOURCE_GROUP" --name "$FUNCTION_APP" \
  --src "$PACKAGE_DIR/../function-package.zip" --output none
rm -f "$PACKAGE_DIR/../function-package.zip"

echo "==> Letting $ANONYMOUS_PATHS through the Function App's platform authentication"
az webapp auth update --resource-group "$RESOURCE_GROUP" --name "$FUNCTION_APP" \
  --excluded-paths "[$(printf '"%s",' ${ANONYMOUS_PATHS//,/ } | sed 's/,$//')]" --output none ||
  echo "   (could not set excluded paths; see docs/deploy.md, step 7)" >&2

echo "==> Building and deploying the web app"
(cd web && npm ci && npm run build)
TENANT_ID="$(az account show --query tenantId -o tsv)"
sed "s/__AZURE_TENANT_ID__/$TENANT_ID/" web/staticwebapp.config.json > web/build/staticwebapp.config.json
SWA_TOKEN="$(az staticwebapp secrets list --name "$SWA_NAME" --resource-group "$RESOURCE_GROUP" --query properties.apiKey -o tsv)"
npx --yes @azure/static-web-apps-cli deploy web/build --deployment-token "$SWA_TOKEN" --env production

echo "==> Cosmos DB containers (idempotent)"
COSMOS_ENDPOINT="$COSMOS_ENDPOINT" COSMOS_DATABASE="$COSMOS_DATABASE" npm run cosmos:setup

echo
echo "Function App:   $FUNCTION_URL"
echo "Web app (SWA):  $SWA_URL"
