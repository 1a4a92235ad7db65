#!/bin/sh
# Ignores TERM, and so does its child (an ignored disposition is inherited across exec).
pids="$1"
trap '' TERM
echo $$ >> "$pids"
sleep 300 & echo $! >> "$pids"
while :; do wait; done
