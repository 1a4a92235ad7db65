// The crash is said when it happens (before the stop), with its exit code and log tail; the build fails at stop.
def log = new File(basedir, 'build.log').text
def crash = log.indexOf('[ERROR] Tether: flaky (pid ')
assert crash >= 0 : 'an [ERROR] line names the crashed fixture'
def line = log.substring(crash, log.indexOf('\n', crash))
assert line.contains('exited unexpectedly') && line.contains('exit code 3') : line
assert log.indexOf('dying: disk full', crash) > crash : 'its log tail follows'
def stop = log.indexOf('Tether stop: flaky')
assert stop > crash : 'said before the stop, not by it'
assert log.contains('BUILD FAILURE')
true
