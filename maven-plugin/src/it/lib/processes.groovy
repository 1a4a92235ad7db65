// What the post-build scripts ask /proc, shared through the invoker's scriptVariables (processesScript):
//   def processes = evaluate(new File(processesScript))
//   assert !processes.alive(pid)
// A process is alive while /proc shows it and it is not a zombie. Reading its stat races its exit, so a read that
// fails (no such file, or "No such process" once the exit has begun) means it is gone, never a failed build.
def alive = { pid ->
    try {
        def stat = new File("/proc/$pid/stat").text
        !stat.substring(stat.lastIndexOf(')') + 2).startsWith('Z')
    } catch (IOException gone) {
        false
    }
}

// For the builds whose IT ends Maven itself (it-maven-signal's MavenEnding): the two servers' four processes
// (target/pids and the web server's pid in the log) are gone once the supervisor has stopped them, and so is the
// port. The supervisor learns of the end from its pipe: wait for that, but not forever.
def endedBuildLeftNothing = { File basedir ->
    def log = new File(basedir, 'build.log').text
    assert new File(basedir, 'target/maven.pid').exists() : 'the IT ran and ended Maven'
    assert !log.contains('Tether stop:') : 'Maven ended before the stop goal'
    def pids = new File(basedir, 'target/pids').readLines()*.trim().findAll { it }
    assert pids.every { it ==~ /\d+/ } : "pid files hold pids (Maven reads \$\$ as \$, so the POMs write \$\$\$\$): $pids"
    pids += (log =~ /Tether: web ready \(pid (\d+)\)/).collect { it[1] }
    assert pids.size() == 4 : pids
    def deadline = System.currentTimeMillis() + 10_000
    while (pids.any { alive(it) } && System.currentTimeMillis() < deadline) {
        Thread.sleep(20)
    }
    assert pids.every { !alive(it) } : "survivors of the ended build: ${pids.findAll { alive(it) }}"
    def port = new File(basedir, 'target/web.port').text.trim() as int
    try { new Socket('127.0.0.1', port).close(); assert false : "port $port still served" } catch (ConnectException expected) { }
    log
}
[alive: alive, endedBuildLeftNothing: endedBuildLeftNothing]
