def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('Tether start skipped (maven.test.skip)')
assert log.contains('Tether stop skipped (maven.test.skip)')
true
