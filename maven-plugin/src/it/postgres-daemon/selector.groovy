// PostgreSQL refuses to run as root: this build runs where Maven runs as an ordinary user (the invoker's
// unprivileged executions, or a suite run by one), and only where PostgreSQL's tools are on the PATH.
def onPath = { name -> System.getenv('PATH').split(File.pathSeparator).any { new File(it, name).canExecute() } }
def mavenRunsAsRoot = System.getProperty('user.name') == 'root' && !basedir.parentFile.name.contains('unprivileged')
!mavenRunsAsRoot && ['initdb', 'pg_ctl', 'psql'].every(onPath)
