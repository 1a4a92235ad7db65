def log = new File(basedir, 'build.log').text
System.properties.remove('tether.it.holder')?.close()
assert log.contains('BUILD FAILURE')
assert log.contains("Tether configuration in <processes>: ") : 'a configuration error, reported as such'
assert log.contains("Port 47931 (web) of <process> 'web' is already in use by pid ") : 'the message names the mistake'
assert !log.contains('ready (pid ') : 'nothing may have started'
true
