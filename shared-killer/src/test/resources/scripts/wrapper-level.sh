#!/bin/sh
pids="$1"
level="$2"
here=$(dirname "$0")
echo $$ >> "$pids"
if [ "$level" -lt 3 ]; then
  /bin/sh "$here/wrapper-level.sh" "$pids" $((level + 1)) &
fi
sleep 300 & echo $! >> "$pids"
sleep 300 & echo $! >> "$pids"
wait
