#!/usr/bin/env bash
# Install the Debian packages Kansrijk needs, only when missing. Profile "demo" needs what the app uses
# (WeasyPrint's Pango, fonts, Node for the front-end build, gettext); "test" adds Chromium and poppler.
set -euo pipefail
profile="${1:-test}"
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libfontconfig1 fonts-noto-core gettext nodejs npm)
if [ "$profile" = "test" ]; then
  packages+=(chromium poppler-utils postgresql-client redis-tools)
  # `kubectl kustomize` renders deploy/kubernetes in tests/test_deploy.py; Debian's kubernetes-client only
  # where no kubectl is installed already (e.g. from the Kubernetes or a cloud vendor's repository).
  command -v kubectl >/dev/null || packages+=(kubernetes-client)
fi
missing=()
for p in "${packages[@]}"; do
  # Node may come from elsewhere (nvm, NodeSource); only ask apt for it when there is no node/npm at all.
  if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
