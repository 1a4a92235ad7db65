// A dev server the way front-end projects run one: `npm start` -> sh -> node. It records its own pid and its
// parent's (npm's script shell, or npm itself where the shell execs node) so the post-build script can check
// that every one of them is gone.
const http = require('http');
const fs = require('fs');
const [port, pids] = process.argv.slice(2);
fs.appendFileSync(pids, `${process.pid}\n${process.ppid}\n`);
http.createServer((request, response) => {
  response.writeHead(200, {'Content-Type': 'text/plain'});
  response.end('hello from node\n');
}).listen(Number(port), '127.0.0.1', () => console.log(`listening on ${port}`));
