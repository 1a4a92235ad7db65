// npm, its script shell (where it has one) and node all ran in the fixture's tree, answered the IT, and are gone;
// so is the port.
def alive = evaluate(new File(processesScript)).alive
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0')
def npm = (log =~ /Tether: web ready \(pid (\d+)\)/)[0][1]
def pids = new File(basedir, 'target/pids').readLines()*.trim().findAll { it }
assert pids.size() == 2 : "node's pid and its parent's: $pids"
(pids + npm).unique().each { assert !alive(it) : "pid $it survived the build" }
def stop = (log =~ /Tether stop: web: (\d+) processes ended/)
assert stop.find() : 'the stop line'
assert (stop[0][1] as int) >= (pids + npm).unique().size() : "every process of the chain was stopped: ${stop[0][0]}"
def port = (log =~ /ports \{web=(\d+)\}/)[0][1] as int
try { new Socket('127.0.0.1', port).close(); assert false : "port $port still served" } catch (ConnectException expected) { }
true
