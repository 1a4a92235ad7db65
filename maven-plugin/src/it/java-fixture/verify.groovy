// The project's own main class ran as a fixture, answered the IT, and its tree (JVM and child) is gone.
def log = new File(basedir, 'build.log').text
assert log.contains('Tether: app ready (pid ')
assert log.contains('Tests run: 1, Failures: 0, Errors: 0')
def alive = evaluate(new File(processesScript)).alive
def jvm = (log =~ /Tether: app ready \(pid (\d+)\)/)[0][1]
assert !alive(jvm) : "the fixture JVM $jvm is still alive"
def child = new File(basedir, 'target/child.pid').text.trim()
assert !alive(child) : "the fixture JVM's child $child is still alive"
assert log =~ /Tether stop: app: 2 processes ended/
true
