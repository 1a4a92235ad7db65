#!/bin/sh
# Screenshots of every page of a staged site at 1280 px wide, to look at as a reader would:
#   sh site/tools/screenshots.sh target/staging /tmp/shots     (needs chromium: apt-get install -y chromium)
set -eu
site=$(cd "$1" && pwd)
out=$2
mkdir -p "$out"
find "$site" -name '*.html' | while read -r page; do
  name=$(echo "${page#"$site"/}" | tr / _ | sed 's/\.html$/.png/')
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1600 \
    --screenshot="$out/$name" "file://$page" > /dev/null 2>&1
  echo "$out/$name"
done
