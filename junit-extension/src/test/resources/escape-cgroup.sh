#!/bin/sh
# A fixture with a process that escapes every way Tether finds a tree: it moves itself out of the fixture's
# cgroup (as a privileged tool would), leaves the session, clears its environment and double-forks.
# $1: where the escapee writes its pid.
rel=$(sed -n 's/^0:://p' /proc/self/cgroup)
mount=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
outside="$mount$(dirname "$(dirname "$rel")")"
env -i OUT="$outside" PIDS="$1" setsid /bin/sh -c 'echo $$ > "$OUT/cgroup.procs"; /bin/sh -c "echo \$\$ > \"\$PIDS\"; exec sleep 300" & exit 0' &
exec sleep 300
