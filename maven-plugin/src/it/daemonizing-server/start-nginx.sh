#!/bin/sh
# Writes a config for the allocated port, then starts nginx, which daemonizes (the launcher exits 0).
port="$1"; dir="$2"
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
exec /usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf"
