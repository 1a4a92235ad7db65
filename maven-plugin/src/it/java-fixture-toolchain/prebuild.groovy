// A JDK reachable under a path of its own (a link to the one running this build), declared as the only toolchain:
// the fixture's command line then shows which java ran it.
import java.nio.file.Files
import java.nio.file.Paths

def link = Paths.get(basedir.path, 'toolchain-jdk')
Files.deleteIfExists(link)
Files.createSymbolicLink(link, Paths.get(System.getProperty('java.home')))
new File(basedir, 'toolchains.xml').text = """<?xml version="1.0" encoding="UTF-8"?>
<toolchains>
  <toolchain>
    <type>jdk</type>
    <provides><version>${System.getProperty('java.specification.version')}</version><vendor>tether-it</vendor></provides>
    <configuration><jdkHome>${link}</jdkHome></configuration>
  </toolchain>
</toolchains>
"""
true
