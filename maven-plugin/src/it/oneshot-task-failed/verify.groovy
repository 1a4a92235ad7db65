def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains("<process> 'migrate' (pid ") && log.contains("failed: it exited with exit code 3, and a one-shot task must exit 0") : 'names the task and its exit'
assert log.contains('ERROR: relation users already exists') : 'quotes its log'
assert log.contains('app: never started') : 'the dependent never started'
assert !new File(basedir, 'app-started').exists()
true
