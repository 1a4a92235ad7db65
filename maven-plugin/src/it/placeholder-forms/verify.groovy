def log = new File(basedir, 'build.log').text
['inline', 'exact', 'late'].each { assert log.contains("Tether: $it ready (pid ") : "$it did not get ready" }
def exported = (log =~ /exported a=(\d+) b=(\d+) c=(\d+)/)
assert exported.find() : 'ports were not exported as project properties'
def ports = new Properties()
new File(basedir, 'target/tether/ports.properties').withInputStream { ports.load(it) }
assert ports.getProperty('tether.port.a') == exported.group(1)
assert ports.getProperty('tether.port.b') == exported.group(2)
assert ports.getProperty('tether.port.c') == exported.group(3)
assert log.contains("Serving HTTP on 127.0.0.1 port ${exported.group(2)}") : 'the exact-placeholder argument was replaced'
def alive = evaluate(new File(processesScript)).alive
(log =~ /ready \(pid (\d+)\)/).each { m -> assert !alive(m[1]) : "pid ${m[1]} alive" }
true
