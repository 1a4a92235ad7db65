#!/bin/sh
# Three levels of sh, each with background children, like `npm run dev` -> sh -> node.
# Every process writes its pid to $1.
pids="$1"
here=$(dirname "$0")
echo $$ >> "$pids"
/bin/sh "$here/wrapper-level.sh" "$pids" 2 &
sleep 300 & echo $! >> "$pids"
wait
