#!/bin/sh
# A child that leaves the group and session. Records 2 pids in $1.
echo $$ >> "$1"
setsid sh -c 'echo $$ >> "$0"; exec sleep 300' "$1" &
wait
