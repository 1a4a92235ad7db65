def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('Tether stop: idle: 1 process ended')
assert !log.contains('Plexus Component') : 'Maven 4 warns about Plexus @Component requirements'
// Maven 3.9+/4 print one section of validation issues at the end of the build, naming each plugin
def section = (log =~ /Plugin .*validation issues/)
assert !section.find() || !log.substring(section.start()).contains('tether-maven-plugin') : log.substring(section.start())
true
