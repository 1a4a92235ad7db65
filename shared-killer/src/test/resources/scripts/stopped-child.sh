#!/bin/sh
# A server with a child that is stopped (as by SIGSTOP, or a test that froze it): the child cannot act on TERM
# until it is continued.
pids="$1"
echo $$ >> "$pids"
sleep 300 &
child=$!
kill -STOP "$child"
echo "$child" >> "$pids"
wait
