#!/bin/sh
# Writes a line to $2 for each TERM it is sent and keeps running: only KILL ends it.
pids="$1"
evidence="$2"
trap 'echo TERM >> "$evidence"' TERM
echo $$ >> "$pids"
while :; do
    sleep 1 &
    wait $!
done
