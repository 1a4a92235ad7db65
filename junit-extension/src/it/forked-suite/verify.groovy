// Read once, race-free: a process exiting between the exists() and the read is gone, not an error.
def alive = { pid ->
    try {
        def stat = new File("/proc/$pid/stat").text
        return !stat.substring(stat.lastIndexOf(')') + 2).startsWith('Z')
    } catch (IOException gone) {
        return false
    }
}
def log = new File(basedir, 'build.log').text
assert log =~ /(?s)(crashed|terminated without properly saying goodbye|ExecutionException)/ : 'one fork was killed'

def files = new File(basedir, 'target/pids').listFiles()
assert files.find { it.name == 'doomed.txt' } : 'the killing test ran'
def pids = files.collectMany { it.readLines()*.trim().findAll { it } }
assert pids.size() >= 3 : pids
def deadline = System.currentTimeMillis() + 10_000
while (pids.any { alive(it) } && System.currentTimeMillis() < deadline) {
    Thread.sleep(20)
}
assert pids.every { !alive(it) } : "survivors: ${pids.findAll { alive(it) }}"

// Recorded or not, nothing may still run in this build's directory: a daemon whose fixture failed to start
// records no pid (seen: the portable backend left one running as "could not be attributed" beside the killed fork).
def base = basedir.canonicalPath
def runningHere = {
    new File('/proc').listFiles().findAll { it.name ==~ /\d+/ }.findAll { process ->
        try {
            java.nio.file.Files.readSymbolicLink(new File(process, 'cwd').toPath()).toString().startsWith(base)
        } catch (Exception unreadable) {
            false // gone, or another user's on a machine where this build is not root
        }
    }*.name
}
deadline = System.currentTimeMillis() + 10_000
while (!runningHere().isEmpty() && System.currentTimeMillis() < deadline) {
    Thread.sleep(20)
}
assert runningHere().isEmpty() : "still running in ${base}: ${runningHere().collect { new File("/proc/$it/cmdline").text.replace('\u0000' as char, ' ' as char) }}"
assert !log.contains('could not be attributed') : 'a daemon was left running: see build.log'
def daemonClass = new File(basedir, 'target/surefire-reports/TEST-it.DaemonTest.xml')
assert !daemonClass.exists() || daemonClass.text =~ /errors="0"[^>]*failures="0"|failures="0"[^>]*errors="0"/ :
        'the daemonizing class failed beside the killed fork: see build.log'
assert !log.contains("CloseableResource but not AutoCloseable") : "no JUnit version warns about the store values"
true
