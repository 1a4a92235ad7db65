def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains("<process> 'app' <java>: <classpathScope> 'tests' is not a class path of the project. Use runtime (the default), compile or test.") : log
assert !log.contains('ready (pid ') : 'nothing may have started'
true
