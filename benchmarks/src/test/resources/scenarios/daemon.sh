#!/bin/sh
# A double-forked daemon with a cleared environment; the launcher exits 0. Records 1 pid in $1.
env -i PIDS="$1" setsid /bin/sh -c '/bin/sh -c "echo \$\$ >> \$PIDS; exec sleep 300" & exit 0' &
wait
