package dev.tether.killer.readiness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.OptionalInt;

final class TcpCheck implements ProbeCheck {
    static final int CONNECT_TIMEOUT_MS = 1000;
    private final String host;
    private final int port;
    private String failure = "not tried yet";

    TcpCheck(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public boolean passes() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            failure = host + ":" + port + ": " + e.getMessage();
            return false;
        }
    }

    @Override
    public String lastFailure() {
        return failure;
    }

    @Override
    public OptionalInt listeningPort() {
        return isLocal(host) ? OptionalInt.of(port) : OptionalInt.empty();
    }

    @Override
    public int listeningPortOrAny() {
        return port;
    }

    /** Only a local listener can be checked for its owner. */
    static boolean isLocal(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
