#!/usr/bin/env bash
# One-time set-up on a fresh machine: Debian's Chromium for the browser tests and the screenshots
# (never a browser download), then every npm package from the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && [ -z "${LEADGATE_SKIP_BROWSER:-}" ]; then
    echo "setup: installing Debian's Chromium (about a minute)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ "${CI:-}" = "true" ]; then
    echo "setup: installing npm packages from package-lock.json"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
echo "setup: done"
