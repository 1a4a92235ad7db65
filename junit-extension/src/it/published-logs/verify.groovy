// JUnit 5.12 and later attach each fixture's log to its scope (publishFile); earlier versions publish nothing.
def pom = new File(basedir, 'pom.xml').text
def version = (pom =~ /<artifactId>junit-jupiter<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
def (major, minor) = version.tokenize('.').take(2)*.toInteger()
def publishes = major > 5 || (major == 5 && minor >= 12)
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0') : 'the test passed'
def published = []
new File(basedir, 'target').eachFileRecurse { if (it.name ==~ /tether-(classwide|own)\.log/) published << it }
if (publishes) {
    def own = published.find { it.name == 'tether-own.log' }
    def classwide = published.find { it.name == 'tether-classwide.log' }
    assert own && own.text.contains('own-log-line') : "JUnit $version: the method's fixture log is published: $published"
    assert classwide && classwide.text.contains('classwide-log-line') : "JUnit $version: the class's: $published"
    assert own.parentFile.path.contains('usesBoth') : "attached to the test method: $own"
    assert !classwide.parentFile.path.contains('usesBoth') : "attached to the class: $classwide"
} else {
    assert published.isEmpty() : "JUnit $version has no publishFile: $published"
}
true
