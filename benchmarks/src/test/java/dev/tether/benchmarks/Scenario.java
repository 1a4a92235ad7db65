package dev.tether.benchmarks;

/** A shape of process tree that a build starts, and how many pids its script records. */
enum Scenario {
    WRAPPER_CHAIN("wrapper chain (sh -> sh -> sh + sleeps)", "chain.sh", 6, false, false, false),
    SETSID_CHILD("setsid child", "setsid.sh", 2, false, false, false),
    SCRUBBED_DAEMON("double-forked daemon, env cleared", "daemon.sh", 1, true, false, false),
    TERM_IGNORER("TERM ignorer (grace 2s)", "ignorer.sh", 2, false, false, false),
    NGINX_DAEMON("nginx, default daemon mode", "nginx.sh", 3, true, true, false),
    MAVEN_SIGKILLED("Maven SIGKILLed during the ITs (wrapper chain)", "chain.sh", 6, false, false, true);

    final String title;
    final String script;
    final int pids;
    final boolean daemonizes;
    final boolean needsPort;
    final boolean killMaven;

    Scenario(String title, String script, int pids, boolean daemonizes, boolean needsPort, boolean killMaven) {
        this.title = title;
        this.script = script;
        this.pids = pids;
        this.daemonizes = daemonizes;
        this.needsPort = needsPort;
        this.killMaven = killMaven;
    }
}
