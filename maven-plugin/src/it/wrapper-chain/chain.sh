#!/bin/sh
# level 1: a child shell with its own background children, and a sleep of its own
pids="$1"
echo $$ >> "$pids"
sh -c 'echo $$ >> "$0"; sh -c "echo \$\$ >> $0; sleep 300 & echo \$! >> $0; wait" "$0" & sleep 300 & echo $! >> "$0"; wait' "$pids" &
sleep 300 & echo $! >> "$pids"
while [ "$(wc -l < "$pids")" -lt 6 ]; do sleep 0.05; done
touch "$pids.done"
wait
