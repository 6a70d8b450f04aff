package org.lazuli.gateway;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar gateway/target/lazuli-gateway.jar --port 8000 --backend local|spark://HOST:7077 [--host 127.0.0.1]
 * [--state-dir DIR] [--user NAME:TOKEN]…}. Without {@code --user}, one user (this OS user) with the
 * token in {@code LAZULI_GATEWAY_TOKEN}, or a random token printed once.
 */
public final class GatewayMain {
    private GatewayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        GatewayServer.Builder builder = GatewayServer.builder();
        boolean anyUser = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> builder.port(Integer.parseInt(required(args[i], value)));
                case "--host" -> builder.host(required(args[i], value));
                case "--backend" -> builder.backend(required(args[i], value));
                case "--state-dir" -> builder.stateDirectory(Path.of(required(args[i], value)));
                case "--user" -> {
                    String[] parts = required(args[i], value).split(":", 2);
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("--user takes NAME:TOKEN, got " + value);
                    }
                    builder.user(parts[0], parts[1]);
                    anyUser = true;
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; options: --port N --host ADDRESS --backend local|spark://HOST:PORT --state-dir DIR --user NAME:TOKEN");
            }
            i++;
        }
        if (!anyUser) {
            String token = System.getenv("LAZULI_GATEWAY_TOKEN");
            String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.\\-]", "_");
            if (token == null || token.isBlank()) {
                token = Wire.newToken();
                System.out.println("user " + user + ", token " + token + " (set LAZULI_GATEWAY_TOKEN to choose one)");
            }
            builder.user(user, token);
        }
        GatewayServer server = builder.start();
        System.out.println("Lazuli gateway on " + server.address() + "; clusters keep running when it stops");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "lazuli-gateway-stop"));
        new CountDownLatch(1).await();
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
