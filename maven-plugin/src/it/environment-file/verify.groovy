def log = new File(basedir, 'build.log').text
def seen = new File(basedir, 'env.txt').text
def port = (log =~ /ports \{app=(\d+)\}/)
assert port.find() : 'the port is reported'
assert seen == "from-pom|two words # not a comment|${port.group(1)}|literal \$HOME" : seen
assert log.contains('Tether stop: app: 1 process ended')
true
