def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
// the placeholder as the user wrote it (${...}), not as Maven's protection rewrote it (@{...})
assert log.contains('Tether configuration in <processes>: Unknown placeholder ${tether.port.bport} in the command of <process> \'web\'') : 'the user\'s own spelling'
assert log.contains("Declared ports: port.")
assert !log.contains('in <processes>: <processes>')
assert !log.contains('Tether: web ready')
true
