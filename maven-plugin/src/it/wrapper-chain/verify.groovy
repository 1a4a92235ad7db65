def alive = evaluate(new File(processesScript)).alive
def log = new File(basedir, 'build.log').text
def pids = new File(basedir, 'target/pids').readLines()*.trim().findAll { it }
assert pids.every { it ==~ /\d+/ } : "pid files hold pids (Maven reads \$\$ as \$, so the POMs write \$\$\$\$): $pids"
assert pids.size() == 6 : "three shells and three sleeps expected: $pids"
pids.each { assert !alive(it) : "pid $it survived the build" }
assert log =~ /Tether stop: chain: 6 processes ended \(6 by TERM\)/
true
