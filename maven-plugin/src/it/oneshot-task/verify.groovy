def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert new File(basedir, 'target/leftover-at-app-start').text.trim() == 'gone' : 'the task\'s background child was reaped when it completed, before app started'
def port = (log =~ /ports \{app=(\d+)\}/)
assert port.find() : 'the port is reported'
assert new File(basedir, 'target/migrated').text.trim() == "schema for port ${port.group(1)}" : 'placeholders work in a task'
assert log.contains('Tether: migrate completed (exit 0, pid ') : 'a task is reported as completed, not ready'
assert log.contains('Tether: app ready (pid ')
assert log.contains('Tether stop: migrate: one-shot task, completed before the stop; nothing of it was left running') : 'a completed task is not reported as "0 processes ended"'
true
