#!/bin/sh
# sh -> sh -> sh, each with a background sleep: what `npm run dev` looks like. Records 6 pids in $1.
pids="$1"
echo $$ >> "$pids"
sh -c 'echo $$ >> "$0"; sh -c "echo \$\$ >> \"\$0\"; sleep 300 & echo \$! >> \"\$0\"; wait" "$0" & sleep 300 & echo $! >> "$0"; wait' "$pids" &
sleep 300 & echo $! >> "$pids"
wait
