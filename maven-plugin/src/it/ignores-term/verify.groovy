def alive = evaluate(new File(processesScript)).alive
def log = new File(basedir, 'build.log').text
def pids = new File(basedir, 'target/pid').readLines()*.trim().findAll { it }
assert pids.every { it ==~ /\d+/ } : "pid files hold pids (Maven reads \$\$ as \$, so the POMs write \$\$\$\$): $pids"
assert pids.size() == 2
pids.each { assert !alive(it) : "pid $it survived" }
assert log =~ /Tether stop: stubborn: 2 processes ended \(2 by KILL\)/
assert log.contains('BUILD SUCCESS')
true
