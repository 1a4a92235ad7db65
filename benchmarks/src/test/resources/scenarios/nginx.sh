#!/bin/sh
# nginx in its default (daemon) mode on port $2; records master and workers in $1 once up, then exits 0.
pids="$1"; port="$2"; dir="$(pwd)/target/nginx"
mkdir -p "$dir"
cat > "$dir/nginx.conf" <<CONF
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $dir/body; proxy_temp_path $dir/proxy; fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;
  server { listen 127.0.0.1:$port; location / { return 200 'ok'; } }
}
CONF
/usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf" || exit 1
while [ ! -s "$dir/nginx.pid" ]; do sleep 0.02; done
master=$(cat "$dir/nginx.pid")
echo "$master" >> "$pids"
while [ "$(ps -o pid= --ppid "$master" | wc -l)" -lt 2 ]; do sleep 0.02; done
ps -o pid= --ppid "$master" | tr -d ' ' >> "$pids"
