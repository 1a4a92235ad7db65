// The fixture ran the toolchain's java (its command line names the toolchain's path), and its tree is gone.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Tether: app ready (pid ')
def record = new JsonSlurper().parse(new File(basedir, 'target/tether/app.stop.json'))
def java = new File(basedir, 'toolchain-jdk/bin/java').path
assert record.ended.any { it.command.startsWith(java + ' ') } : "the fixture ran $java: ${record.ended*.command}"
assert record.clean : "stopped cleanly: $record"
true
