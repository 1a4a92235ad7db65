package dev.tether.killer.readiness;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

final class HttpCheck implements ProbeCheck {
    private static final int READ_TIMEOUT_MS = 2000;
    /** Between requests once the port accepts: 50 ms, doubling to 1 s (about 8 requests in 5 s, not 300). */
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
    private boolean accepting;
    private long nextRequestNanos;
    private Duration backoff = Duration.ZERO;
    private final URL url;
    private final int minStatus;
    private final int maxStatus;
    private final Pattern body;
    private String failure = "not tried yet";

    HttpCheck(URL url, int minStatus, int maxStatus, Pattern body) {
        this.url = url;
        this.minStatus = minStatus;
        this.maxStatus = maxStatus;
        this.body = body;
        HttpWarmUp.startOnce(); // the check is made before its server is spawned: the warm-up runs beside its start
    }

    @Override
    public boolean passes() {
        // Quiet: no request while nothing listens (a bare connect leaves no line in a server's log), and
        // after a refused answer the next request waits, backing off, so the log keeps the server's own lines.
        if (System.nanoTime() < nextRequestNanos) {
            return false;
        }
        if (!accepting) {
            accepting = acceptsConnections();
            if (!accepting) {
                return false;
            }
        }
        if (request()) {
            return true;
        }
        backoff = backoff.isZero()
                ? FIRST_BACKOFF
                : (backoff.multipliedBy(2).compareTo(MAX_BACKOFF) < 0 ? backoff.multipliedBy(2) : MAX_BACKOFF);
        nextRequestNanos = System.nanoTime() + backoff.toNanos();
        return false;
    }

    private boolean acceptsConnections() {
        int port = url.getPort() >= 0 ? url.getPort() : url.getDefaultPort();
        TcpCheck connect = new TcpCheck(url.getHost(), port);
        if (!connect.passes()) {
            failure = url + ": " + connect.lastFailure();
            return false;
        }
        return true;
    }

    private boolean request() {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
            if (connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(TrustAll.CONTEXT.getSocketFactory());
                https.setHostnameVerifier((host, session) -> true); // test servers use self-signed certificates
            }
            connection.setConnectTimeout(TcpCheck.CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setInstanceFollowRedirects(false);
            int status = connection.getResponseCode();
            if (status < minStatus || status > maxStatus) {
                failure = url + " answered " + status + ", expected " + minStatus + "-" + maxStatus;
                return false;
            }
            if (body != null) {
                InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
                String text = in == null ? "" : new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
                if (!body.matcher(text).find()) {
                    failure = url + " answered " + status + " but the body does not match /" + body + "/";
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            failure = url + ": " + e.getMessage();
            accepting = false; // it may have gone: connect first again
            return false;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    @Override
    public String lastFailure() {
        return failure;
    }

    @Override
    public OptionalInt listeningPort() {
        int port = url.getPort() >= 0 ? url.getPort() : url.getDefaultPort();
        return TcpCheck.isLocal(url.getHost()) ? OptionalInt.of(port) : OptionalInt.empty();
    }

    /**
     * Made on the first https request only: setting up a TLS context costs ~170 ms in a fresh JVM here, which a
     * class-wide constant made every http probe pay before its server was even spawned.
     */
    private static final class TrustAll {
        static final SSLContext CONTEXT = trustAll();

        private static SSLContext trustAll() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                TrustManager trustEverything = new X509TrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String type) {}

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String type) {}

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                };
                context.init(null, new TrustManager[] {trustEverything}, new SecureRandom());
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
