#!/bin/sh
# Ignores TERM, and so does its child. Records 2 pids in $1.
trap '' TERM
echo $$ >> "$1"
sleep 300 & echo $! >> "$1"
while :; do wait; done
