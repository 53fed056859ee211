#!/usr/bin/env bash
# One command for a fresh machine: install dependencies, find (or install) a browser, build, and render the demo.
#   npm run setup        (or: bash scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup: swp needs Node.js 20 or later (found $(node --version))" >&2
  exit 1
fi

echo "setup: installing dependencies (npm ci)"
npm ci --no-audit --no-fund

# A browser prints the PDFs. puppeteer downloads its own Chrome where it can reach the internet; where it
# cannot (puppeteer is optional, so npm ci still succeeds), use a system Chromium, installing Debian's with apt.
own_chrome=$(node -e 'import("puppeteer").then(p => console.log(p.default.executablePath())).catch(() => {})' 2>/dev/null || true)
if [ -n "$own_chrome" ] && [ -x "$own_chrome" ]; then
  echo "setup: using puppeteer's own Chrome ($own_chrome)"
elif command -v chromium >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  echo "setup: using the system browser ($(command -v chromium || command -v google-chrome || command -v chromium-browser))"
elif command -v apt-get >/dev/null 2>&1; then
  echo "setup: no browser found for PDF printing: installing Debian's chromium and poppler-utils with apt"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update -qq
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium poppler-utils >/dev/null
else
  echo "setup: warning: no browser found; install Chrome or Chromium, or set SWP_BROWSER to one, to print PDFs" >&2
fi

echo "setup: generating the demo's police.uk files (seeded, deterministic)"
node scripts/generate-demo.mjs --out data/demo

echo "setup: rendering the demo's strategic assessment, latest quarterly report and serious violence needs assessment to out/"
node bin/swp.js validate --workspace data/demo --quiet
node bin/swp.js assess --workspace data/demo --out out --format pdf,html,json,csv,xlsx --public-summary
node bin/swp.js report --workspace data/demo --out out --quarter latest --format pdf,html,json,csv,xlsx
node bin/swp.js needs-assessment --workspace data/demo --out out --format pdf,html,json,csv,xlsx
echo "setup: done. Open out/assessment-2016-17.pdf, out/report-*.pdf and out/needs-assessment-2016-17.pdf"

