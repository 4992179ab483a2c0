#!/usr/bin/env bash
# Fetch the vendored front-end files from the npm registry into the web app's static files.
set -euo pipefail
dest="$(cd "$(dirname "$0")/.." && pwd)/src/coltiva/web/static/vendor"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent htmx.org@2.0.11 @picocss/pico@2.1.1 chart.js@4.6.1 >/dev/null
for f in *.tgz; do mkdir "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
cp htmx.org-2.0.11/package/dist/htmx.min.js "$dest/htmx-2.0.11.min.js"
cp htmx.org-2.0.11/package/LICENSE "$dest/htmx.LICENSE"
cp picocss-pico-2.1.1/package/css/pico.jade.min.css "$dest/pico-2.1.1.jade.min.css"
cp picocss-pico-2.1.1/package/LICENSE.md "$dest/pico.LICENSE.md"
cp chart.js-4.6.1/package/dist/chart.umd.min.js "$dest/chart-4.6.1.umd.min.js"
cp chart.js-4.6.1/package/LICENSE.md "$dest/chartjs.LICENSE.md"
echo "vendored into $dest"
