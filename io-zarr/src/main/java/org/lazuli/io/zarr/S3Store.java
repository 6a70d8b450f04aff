package org.lazuli.io.zarr;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A Zarr store in an S3 bucket ({@code s3://bucket/path/to/store.zarr}) or an S3-compatible server
 * (MinIO, Ceph): a key is an object below the store's prefix. The store holds its URI and options only,
 * so it travels to other JVMs; each JVM builds one client per distinct options and reuses it. The SDK
 * retries transient failures (throttling, 5xx answers, dropped connections) with backoff; what still fails
 * names the object and what to check.
 *
 * <p>Options, as s3fs's {@code storage_options} name them: {@code endpoint_url} (an S3-compatible server;
 * path-style addressing unless {@code addressing_style} is "virtual"), {@code region} (else the AWS chain's,
 * else us-east-1), {@code key} and {@code secret} (else the AWS credential chain: environment, profile,
 * instance role), {@code anon} ("true" for public buckets, unsigned), {@code ca_bundle} (a PEM file of
 * certificates to trust, for a server with its own certificate authority).
 */
final class S3Store implements Store {
    private static final long serialVersionUID = 1L;

    /** The option keys an S3 store knows. */
    static final Set<String> OPTION_KEYS = Set.of("endpoint_url", "region", "key", "secret", "anon", "ca_bundle",
            "addressing_style");

    private final String bucket;
    private final String root;
    private final TreeMap<String, String> options;

    /** One client per JVM and options (it pools connections); built on first use, never serialized. */
    private static final Map<Map<String, String>, S3Client> CLIENTS = new ConcurrentHashMap<>();

    S3Store(URI uri, Map<String, String> options) {
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("The S3 URI " + uri + " names no bucket; write s3://bucket/path/to/store");
        }
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(OPTION_KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown S3 storage option(s) " + unknown + " for " + uri
                    + "; valid keys are " + new TreeSet<>(OPTION_KEYS));
        }
        if (options.containsKey("key") != options.containsKey("secret")) {
            throw new IllegalArgumentException("S3 storage options for " + uri + " give only one of 'key' and"
                    + " 'secret'; give both, or neither to use the AWS credential chain");
        }
        String style = options.getOrDefault("addressing_style", "path");
        if (!style.equals("path") && !style.equals("virtual")) {
            throw new IllegalArgumentException("S3 addressing_style '" + style + "' is neither \"path\" nor \"virtual\"");
        }
        this.bucket = uri.getHost();
        this.root = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        this.options = new TreeMap<>(options);
    }

    private String objectKey(String key) {
        return root.isEmpty() ? key : key.isEmpty() ? root : root + "/" + key;
    }

    private S3Client client() {
        return CLIENTS.computeIfAbsent(Map.copyOf(options), S3Store::newClient);
    }

    private static S3Client newClient(Map<String, String> options) {
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
        if (options.containsKey("ca_bundle")) {
            TrustManager[] trust = trustManagers(Path.of(options.get("ca_bundle")));
            http.tlsTrustManagersProvider(() -> trust);
        }
        S3ClientBuilder builder = S3Client.builder().httpClientBuilder(http).region(region(options))
                .credentialsProvider(credentials(options));
        if (options.containsKey("endpoint_url")) {
            builder.endpointOverride(URI.create(options.get("endpoint_url")))
                    .forcePathStyle(!"virtual".equals(options.get("addressing_style")));
        }
        return builder.build();
    }

    private static Region region(Map<String, String> options) {
        if (options.containsKey("region")) {
            return Region.of(options.get("region"));
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;   // as boto3 and s3fs do for S3 when nothing configures a region
        }
    }

    private static AwsCredentialsProvider credentials(Map<String, String> options) {
        if (Boolean.parseBoolean(options.get("anon"))) {
            return AnonymousCredentialsProvider.create();
        }
        if (options.containsKey("key")) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(options.get("key"), options.get("secret")));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    static TrustManager[] trustManagers(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + index++, certificate);
            }
            if (index == 0) {
                throw new IllegalArgumentException("The ca_bundle " + pem + " holds no PEM certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the ca_bundle " + pem + " as PEM certificates: " + e, e);
        }
    }

    @Override
    public byte[] get(String key) throws IOException {
        try {
            GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(objectKey(key)).build();
            ResponseBytes<GetObjectResponse> bytes = client().getObjectAsBytes(request);
            return bytes.asByteArrayUnsafe();
        } catch (NoSuchKeyException e) {
            return null;
        } catch (SdkException e) {
            throw failure("GET", key, e);
        }
    }

    @Override
    public byte[] getRange(String key, long offset, int length) throws IOException {
        String range = offset < 0 ? "-" + length : offset + "-" + (offset + length - 1);
        try {
            GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(objectKey(key))
                    .range("bytes=" + range).build();
            byte[] bytes = client().getObjectAsBytes(request).asByteArrayUnsafe();
            if (bytes.length != length) {
                throw new IOException("GET " + describe(key) + " bytes " + range + " returned " + bytes.length
                        + " bytes where " + length + " were asked for; the object is shorter than its shard index says");
            }
            return bytes;
        } catch (NoSuchKeyException e) {
            return null;
        } catch (SdkException e) {
            throw failure("GET", key, e);
        }
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        try {
            client().putObject(b -> b.bucket(bucket).key(objectKey(key)), RequestBody.fromBytes(value));
        } catch (SdkException e) {
            throw failure("PUT", key, e);
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        String start = objectKey(prefix);
        String listed = start.isEmpty() ? "" : start + "/";
        List<String> names = new ArrayList<>();
        try {
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(listed).delimiter("/")
                    .build();
            for (ListObjectsV2Response page : client().listObjectsV2Paginator(request)) {
                for (CommonPrefix folder : page.commonPrefixes()) {
                    names.add(folder.prefix().substring(listed.length()).replaceAll("/+$", ""));
                }
                for (S3Object object : page.contents()) {
                    names.add(object.key().substring(listed.length()));
                }
            }
        } catch (SdkException e) {
            throw failure("LIST", prefix, e);
        }
        return names;
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        String start = objectKey(prefix);
        String listed = start.isEmpty() ? "" : start + "/";
        try {
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(listed).build();
            for (ListObjectsV2Response page : client().listObjectsV2Paginator(request)) {
                if (page.contents().isEmpty()) {
                    continue;
                }
                List<ObjectIdentifier> keys = page.contents().stream()
                        .map(object -> ObjectIdentifier.builder().key(object.key()).build()).toList();
                client().deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(keys).build()));
            }
        } catch (SdkException e) {
            throw failure("DELETE", prefix, e);
        }
    }

    /** An SDK failure as an IOException naming the object and what to check. */
    private IOException failure(String operation, String key, SdkException e) {
        String where = operation + " " + describe(key);
        String endpoint = options.getOrDefault("endpoint_url", "AWS S3");
        if (e instanceof NoSuchBucketException) {
            return new IOException(where + " failed: the bucket '" + bucket + "' does not exist at " + endpoint
                    + "; check the URI's bucket (and endpoint_url)", e);
        }
        if (e instanceof S3Exception s3) {
            int status = s3.statusCode();
            String code = s3.awsErrorDetails() == null ? "" : " " + s3.awsErrorDetails().errorCode();
            String hint = status == 403 || status == 401
                    ? "check the credentials (storage options 'key'/'secret', the AWS chain) and the bucket's policy,"
                    + " or pass anon=true for a public bucket"
                    : "check the bucket, the key and endpoint_url";
            return new IOException(where + " answered HTTP " + status + code + "; " + hint, e);
        }
        return new IOException(where + " failed after the SDK's retries: " + e.getMessage() + "; check that "
                + endpoint + " is reachable (storage option endpoint_url) and the network is up", e);
    }

    @Override
    public String describe(String key) {
        String object = objectKey(key);
        return "s3://" + bucket + (object.isEmpty() ? "" : "/" + object);
    }

    @Override
    public String toString() {
        return describe("") + (options.containsKey("endpoint_url") ? " at " + options.get("endpoint_url") : "");
    }
}
