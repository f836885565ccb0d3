#!/usr/bin/env bash
# Installs code-server (the real VS Code the extension e2e test drives) into a cache outside
# the repo, once. 4.100.3 is the newest code-server whose engines accept Node 20.
# @vscode/ripgrep's postinstall downloads a ripgrep build, which cannot work offline, so its
# download cache is pre-seeded with Debian's rg (apt: ripgrep).
set -euo pipefail
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
PREFIX="${NOMADKIT_CODE_SERVER_DIR:-$HOME/.cache/nomadkit/code-server}"
# Written last, so a run that failed halfway (e.g. in code-server's postinstall) is redone.
MARKER="$PREFIX/.installed-$VERSION"
if [ -f "$MARKER" ] && [ -x "$PREFIX/node_modules/.bin/code-server" ]; then
  echo "code-server $VERSION already in $PREFIX"
  exit 0
fi
RG="$(command -v rg || true)"
if [ -z "$RG" ]; then
  echo "ripgrep is missing: apt-get install ripgrep" >&2
  exit 1
fi
TMP="${TMPDIR:-/tmp}"
CACHE="$TMP/vscode-ripgrep-cache-1.15.11"
mkdir -p "$CACHE"
STAGE="$(mktemp -d)"
cp "$RG" "$STAGE/rg"
tar -C "$STAGE" -czf "$CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
rm -rf "$STAGE"
mkdir -p "$PREFIX"
# code-server's postinstall installs VS Code's own modules; npm >= 11.19 runs a dependency's
# install scripts only when allowScripts approves them (older npm ignores the key).
cat > "$PREFIX/package.json" <<JSON
{
  "name": "nomadkit-code-server",
  "private": true,
  "dependencies": { "code-server": "$VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
export npm_config_unsafe_perm=true npm_config_yes=true
npm install --prefix "$PREFIX" --no-audit --no-fund
touch "$MARKER"
echo "code-server $VERSION installed in $PREFIX"
