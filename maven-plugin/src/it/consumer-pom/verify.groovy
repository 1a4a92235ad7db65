// The README's consumer POM, pasted as is: the server started, the IT passed against it, the server is gone.
def log = new File(basedir, 'build.log').text
assert log.contains('Tether: web ready (pid ')
assert log.contains('Tests run: 1, Failures: 0, Errors: 0') : 'failsafe ran the IT'
assert log =~ /Tether stop: web: 1 process ended/
assert log.contains('BUILD SUCCESS')
true
