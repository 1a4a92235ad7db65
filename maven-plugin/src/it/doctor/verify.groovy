def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('This machine:')
assert log =~ /state directory +\S+ \(owner uid \d+, mode 0700\)/
assert log =~ /supervisor +pid \d+, .*posix_spawn with/
assert log.contains('[ok]  owner killed (SIGKILL)')
assert log.contains('[ok]  supervisor killed: the owner stops every tree itself')
// the cgroup line and the concurrent-daemons line agree: both say yes, or both say no
def cgroup = log.contains('cgroup per fixture   yes')
assert cgroup == log.contains('[ok]  two such daemons started at the same moment told apart')
true
