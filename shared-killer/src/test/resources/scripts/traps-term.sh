#!/bin/sh
# Runs a handler on TERM that leaves evidence in $2 before exiting.
pids="$1"
evidence="$2"
trap 'echo "handler ran" > "$evidence"; exit 0' TERM
echo $$ >> "$pids"
sleep 300 &
wait
