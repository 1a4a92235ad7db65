def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains("Tether configuration in <processes>: ") : 'a configuration error, reported as such'
assert log.contains("<process> 'web' needs 'dbb', but none of the <process> entries has that id") : 'the message names the mistake'
assert !log.contains('ready (pid ') : 'nothing may have started'
true
