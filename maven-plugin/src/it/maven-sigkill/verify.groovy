def alive = evaluate(new File(processesScript)).alive
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/maven.pid').exists() : 'the IT ran and killed Maven'
assert !log.contains('Tether stop:') : 'Maven died before the stop goal'
def pids = new File(basedir, 'target/pids').readLines()*.trim().findAll { it }
assert pids.every { it ==~ /\d+/ } : "pid files hold pids (Maven reads \$\$ as \$, so the POMs write \$\$\$\$): $pids"
pids += (log =~ /Tether: web ready \(pid (\d+)\)/).collect { it[1] }
assert pids.size() == 4 : pids
// The supervisor sees its pipe close and stops every tree: wait for that, but not forever.
def deadline = System.currentTimeMillis() + 10_000
while (pids.any { alive(it) } && System.currentTimeMillis() < deadline) {
    Thread.sleep(20)
}
assert pids.every { !alive(it) } : "survivors of the killed build: ${pids.findAll { alive(it) }}"
def port = new File(basedir, 'target/web.port').text.trim() as int
try { new Socket('127.0.0.1', port).close(); assert false : "port $port still served" } catch (ConnectException expected) { }
true
