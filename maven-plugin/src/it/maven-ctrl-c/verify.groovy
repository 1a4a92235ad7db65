// Maven was interrupted (Ctrl-C) during the ITs: every tree stopped with it, and none of those stops was
// reported as a crash of the server.
def log = evaluate(new File(processesScript)).endedBuildLeftNothing(basedir)
assert !log.contains('exited unexpectedly') : 'the servers stopped with the interrupted build: no crash to report'
assert log =~ /\[tether\] This JVM is ending: stopping every process of chain, web with it\./ : 'the user is told'
true
