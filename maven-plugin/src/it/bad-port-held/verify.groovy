def log = new File(basedir, 'build.log').text
System.properties.remove('tether.it.holder')?.close()
assert log.contains('BUILD FAILURE')
assert log.contains("Tether configuration in <processes>: ") : 'a configuration error, reported as such'
// Run as another user (the invoker's unprivileged execution hands the project to it), the holder, this root
// JVM, cannot be inspected: the message then names its user, which /proc/net/tcp shows to everyone.
def builtByOtherUser = java.nio.file.Files.getOwner(basedir.toPath()).name != System.getProperty('user.name')
def holder = builtByOtherUser ? "a process of user ${System.getProperty('user.name')} (uid " : 'pid '
assert log.contains("Port 47931 (web) of <process> 'web' is already in use by $holder") : 'the message names the mistake'
assert !log.contains('ready (pid ') : 'nothing may have started'
true
