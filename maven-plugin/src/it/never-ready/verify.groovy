def alive = { pid -> def stat = new File("/proc/$pid/stat"); stat.exists() && !stat.text.substring(stat.text.lastIndexOf(')') + 2).startsWith('Z') }
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains("Fixture 'second' was not ready within 2s (waiting for tcp 127.0.0.1:never)")
assert log.contains('| second is listening on nothing') : 'the log tail of the failing process is shown'
def first = new File(basedir, 'target/first.pid').text.trim()
assert first ==~ /\d+/ : "first.pid holds a pid: $first"
assert !alive(first) : "the first process ($first) must be stopped when the second fails"
true
