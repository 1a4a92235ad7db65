def order = new File(basedir, 'target/order').readLines()*.trim()
assert order == ['start db', 'start api', 'start web', 'stop web', 'stop api', 'stop db'] : order
true
