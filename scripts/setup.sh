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
    # `npm ci` refuses this lockfile: it lacks rollup's optional binaries for other platforms (Android, macOS,
    # Windows, ...), which the package registry reachable here does not serve. `npm install` installs exactly the
    # locked versions; the check below fails the set-up if npm had to change the lockfile, so nothing drifts.
    cp package-lock.json .package-lock.before
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund
    if ! cmp -s package-lock.json .package-lock.before; then
        rm -f .package-lock.before
        echo "setup: npm changed package-lock.json: package.json and the lockfile disagree. Fix: run npm install and commit the lockfile." >&2
        exit 1
    fi
    rm -f .package-lock.before
fi
echo "setup: done"
