package dev.tether.killer.client;

/**
 * What the supervisor says about itself when it starts: its identity, whether it is the subreaper, the cgroup
 * its trees are born under (empty without cgroups) and how it spawns.
 */
public record SupervisorHello(int pid, long startTime, boolean subreaper, String cgroup, String spawnPath) {}
