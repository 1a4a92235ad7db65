def alive = evaluate(new File(processesScript)).alive
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('with a thread count of 2') || log.contains('MultiThreadedBuilder') : 'the reactor ran in parallel'
def port = { m -> def p = new Properties(); new File(basedir, "$m/target/tether/ports.properties").withInputStream { p.load(it) }; p.getProperty('tether.port.web') }
assert port('one') != port('two') : 'each module got its own port'
assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/).count >= 2
def pids = (log =~ /Tether: web ready \(pid (\d+)\)/).collect { it[1] }
assert pids.size() == 2 && pids[0] != pids[1]
pids.each { assert !alive(it) }
assert (log =~ /Tether stop: web: 1 process ended \(1 by TERM\)/).count == 2 : 'each module stopped only its own'
true
