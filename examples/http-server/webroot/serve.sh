#!/bin/sh
# Like `npm run dev`: a wrapper that starts the real server in the background, plus a helper, and waits.
# A plain Process.destroy() would kill only this shell and leave both children running.
port="$1"
cd "$(dirname "$0")"
python3 -m http.server "$port" --bind 127.0.0.1 &
sh -c 'while sleep 1; do :; done' &
echo "serving $(pwd) on port $port"
wait
