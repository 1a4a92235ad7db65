def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains("<process> 'app' <environmentFile>: ") : log
assert log.contains("bad.env line 2 'this line has no equals sign' is not KEY=VALUE") : 'names the file and the line'
assert !log.contains('ready (pid ') : 'nothing may have started'
true
