#!/bin/sh
# A child that leaves the process group and session, but keeps its parent and environment.
pids="$1"
echo $$ >> "$pids"
setsid sh -c 'echo $$ >> "$0"; exec sleep 300' "$pids" &
wait
