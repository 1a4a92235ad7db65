// The server was started, the IT passed through the exported port, and the server is gone.
def log = new File(basedir, 'build.log').text
assert log.contains('Tether: web ready (pid ')
assert log.contains('Tests run: 1, Failures: 0, Errors: 0')
assert log =~ /Tether stop: web: 1 process ended \(1 by TERM\)/
def pid = (log =~ /Tether: web ready \(pid (\d+)\)/)[0][1]
assert !evaluate(new File(processesScript)).alive(pid) : "pid $pid is still alive"
def ports = new Properties()
new File(basedir, 'target/tether/ports.properties').withInputStream { ports.load(it) }
assert ports.getProperty('tether.port.web') ==~ /\d+/
assert new File(basedir, 'target/tether/web.log').exists()
true
