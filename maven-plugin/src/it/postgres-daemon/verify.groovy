// The database answered the IT, shut down cleanly on the stop, and every process of it is gone: the postmaster
// (adopted after pg_ctl's shell exited) and its workers, each named by its pid in PostgreSQL's own log.
def alive = evaluate(new File(processesScript)).alive
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0')
def postgresLog = new File(basedir, 'target/postgres.log').text
assert postgresLog.contains('database system is shut down') : 'a clean shutdown'
def pids = (postgresLog =~ /\[(\d+)\]/).collect { it[1] }.unique()
assert pids.size() >= 3 : "the postmaster and its workers log under their pids: $pids"
pids.each { assert !alive(it) : "PostgreSQL process $it survived the build" }
def stop = (log =~ /Tether stop: db: (\d+) processes ended/)
assert stop.find() && (stop[0][1] as int) >= 3 : 'the postmaster and its workers were stopped with the fixture'
def port = (log =~ /ports \{db=(\d+)\}/)[0][1] as int
try { new Socket('127.0.0.1', port).close(); assert false : "port $port still served" } catch (ConnectException expected) { }
true
