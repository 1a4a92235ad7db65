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
assert !log.contains("CloseableResource but not AutoCloseable") : "no JUnit version warns about the store values"
true
