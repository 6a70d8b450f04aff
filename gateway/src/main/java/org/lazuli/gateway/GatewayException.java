package org.lazuli.gateway;

/**
 * A gateway or one of its clusters refused a request: the HTTP status and the server's own message
 * (401 no or a wrong token, 403 another user's cluster, 404 no such cluster, 400 an option out of range).
 */
public class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public GatewayException(int status, String message) {
        super(message);
        this.status = status;
    }

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status, or -1 when the server could not be reached. */
    public int status() {
        return status;
    }
}
