def alive = evaluate(new File(processesScript)).alive
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
// the port the probe really waited on, with the user's name for it, and the user's word for a fixture
assert log =~ /<process> 'second' was not ready within 2s \(waiting for tcp 127\.0\.0\.1:\d+ \(port never\)\)/
// one summary of every fixture's fate
assert log.contains('What became of each of the <process> entries:')
assert log =~ /  first: was ready; stopped: 1 process ended \(1 by TERM\)/
assert log =~ /  second: FAILED \(not ready in time, see above\); stopped: 1 process ended/
assert log.contains('  third: never started: it needs second, which did not get ready')
assert !log.contains('Tether: third ready')
// the per-process record of each stop
def record = new File(basedir, 'target/tether/first.stop.json').text
assert record.startsWith('{"id":"first","clean":true,') : record
// the command as the backend reads it: argv from /proc on linux, the executable's full path on portable
assert record =~ /"ended":\[\{"pid":\d+,"command":"(\/usr)?(\/bin\/)?sleep 300","endedBy":"TERM","step":1,/
assert log.contains('| second is listening on nothing') : 'the log tail of the failing process is shown'
def first = new File(basedir, 'target/first.pid').text.trim()
assert first ==~ /\d+/ : "first.pid holds a pid: $first"
assert !alive(first) : "the first process ($first) must be stopped when the second fails"
true
