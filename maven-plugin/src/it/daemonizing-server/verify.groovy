def alive = evaluate(new File(processesScript)).alive
def log = new File(basedir, 'build.log').text
assert log.contains('Tether: nginx ready (pid ')
def master = new File(basedir, 'target/nginx/nginx.pid')
// nginx removes its pid file on a clean exit; the stop report counts the master and its workers
def ended = (log =~ /Tether stop: nginx: (\d+) processes ended/)
assert ended.find() && ended.group(1).toInteger() >= 3 : 'master and two workers at least'
assert !(log =~ /SURVIVED/)
(log =~ /nginx ready \(pid (\d+)\)/).each { m -> assert !alive(m[1]) }
assert !master.exists() || !alive(master.text.trim())
true
