package org.lazuli.io.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Adobe S3Mock, an S3-compatible server, run in its own JVM from its published executable jar, serving
 * HTTPS on 127.0.0.1 (its plain-HTTP connector, which it always opens, takes a random port and is not
 * used). Its self-signed certificate is fetched once and handed to the S3 store as a {@code ca_bundle},
 * as a user of a server with its own certificate authority would.
 */
final class S3MockServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Process process;
    private final Path folder;
    private final int port;
    private final Path certificate;

    private S3MockServer(Process process, Path folder, int port, Path certificate) {
        this.process = process;
        this.folder = folder;
        this.port = port;
        this.certificate = certificate;
    }

    static S3MockServer start() throws IOException {
        Path jar = Path.of(System.getProperty("lazuli.s3mock.jar", "target/s3mock/s3mock-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No S3Mock jar at " + jar + "; run the tests through Maven, which copies it");
        }
        Path folder = Files.createTempDirectory("s3mock");
        int port = freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString(), "--server.address=127.0.0.1", "--server.port=" + port,
                "--com.adobe.testing.s3mock.httpPort=0", "--com.adobe.testing.s3mock.root=" + folder.resolve("data"),
                "--logging.level.root=WARN", "--spring.main.banner-mode=off")
                .redirectErrorStream(true).redirectOutput(folder.resolve("server.log").toFile()).start();
        try {
            awaitListening(process, port, folder.resolve("server.log"));
            Path pem = folder.resolve("s3mock.pem");
            Files.writeString(pem, pem(serverCertificate(port)));
            return new S3MockServer(process, folder, port, pem);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** The storage options that reach this server. */
    Map<String, String> storageOptions() {
        return Map.of("endpoint_url", endpoint().toString(), "region", "us-east-1", "key", "test", "secret", "test",
                "ca_bundle", certificate.toString());
    }

    URI endpoint() {
        return URI.create("https://localhost:" + port);
    }

    int port() {
        return port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(Process process, int port, Path log) throws IOException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;   // Spring Boot opens its connectors last, once the application is ready
            } catch (IOException notYet) {
                sleep(200);
            }
        }
        throw new IllegalStateException("S3Mock did not listen on port " + port + " within " + STARTUP + ":\n"
                + Files.readString(log));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The certificate the server presents, read without trusting it (test set-up only). */
    private static X509Certificate serverCertificate(int port) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptingTrustManager()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), port)) {
                socket.startHandshake();
                Certificate[] chain = socket.getSession().getPeerCertificates();
                return (X509Certificate) chain[0];
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read S3Mock's certificate: " + e, e);
        }
    }

    private static String pem(X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trusts any certificate; used only to fetch the mock server's own. */
    private static final class AcceptingTrustManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
