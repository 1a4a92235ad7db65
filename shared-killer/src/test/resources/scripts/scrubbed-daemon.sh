#!/bin/sh
# A classic double-fork daemon that also clears its environment: the first child calls setsid() and forks
# the daemon, then exits; the launcher exits too (after $2 seconds when given, as a launcher that checks on its
# daemon before it returns). Neither the process group nor an environment cookie finds the daemon, and its
# parent is gone.
pids="$1"
env -i PIDS="$pids" setsid /bin/sh -c '/bin/sh -c "echo \$\$ >> \$PIDS; exec sleep 300" & exit 0' &
wait
if [ -n "$2" ]; then sleep "$2"; fi
echo "launcher done"
