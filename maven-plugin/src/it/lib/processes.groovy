// What the post-build scripts ask /proc, shared through the invoker's scriptVariables (processesScript):
//   def processes = evaluate(new File(processesScript))
//   assert !processes.alive(pid)
// A process is alive while /proc shows it and it is not a zombie. Reading its stat races its exit, so a read that
// fails (no such file, or "No such process" once the exit has begun) means it is gone, never a failed build.
def alive = { pid ->
    try {
        def stat = new File("/proc/$pid/stat").text
        !stat.substring(stat.lastIndexOf(')') + 2).startsWith('Z')
    } catch (IOException gone) {
        false
    }
}
[alive: alive]
