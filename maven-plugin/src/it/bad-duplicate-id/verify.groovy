def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains("Tether configuration in <processes>: ") : 'a configuration error, reported as such'
assert log.contains("Two <process> entries have the id 'web'") : 'the message names the mistake'
assert !log.contains('ready (pid ') : 'nothing may have started'
true
