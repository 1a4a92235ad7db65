package dev.tether.killer.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A self-contained nginx configuration in a test directory: default (daemon) mode, two workers. */
public final class NginxConfig {
    private NginxConfig() {}

    public static Path write(Path dir, int port) throws IOException {
        Path config = dir.resolve("nginx.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "worker_processes 2;",
                        "pid " + dir.resolve("nginx.pid") + ";",
                        "error_log " + dir.resolve("error.log") + ";",
                        "events { worker_connections 64; }",
                        "http {",
                        "  access_log off;",
                        "  client_body_temp_path " + dir.resolve("body") + ";",
                        "  proxy_temp_path " + dir.resolve("proxy") + ";",
                        "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                        "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                        "  scgi_temp_path " + dir.resolve("scgi") + ";",
                        "  server { listen 127.0.0.1:" + port + "; location / { return 200 'ok'; } }",
                        "}",
                        ""));
        return config;
    }
}
