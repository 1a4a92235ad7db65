def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('Tether start skipped (skipTests)')
assert log.contains('Tether stop skipped (skipTests)')
true
