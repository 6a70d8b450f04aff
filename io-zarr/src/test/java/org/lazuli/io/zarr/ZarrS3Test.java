package org.lazuli.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lazuli.io.zarr.ZarrErrorsTest.messages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lazuli.Lazuli;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.Dataset;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Zarr stores in a bucket of a real S3-compatible server (S3Mock) on loopback: xarray's reference stores
 * uploaded with the AWS SDK read as xarray reads them, Lazuli writes stores there from a cluster's workers
 * and appends to them, and failures name the object and what to check.
 */
class ZarrS3Test {
    private static final String BUCKET = "climate";
    private static S3MockServer server;
    private static S3Client sdk;

    @BeforeAll
    static void startServer() throws IOException {
        server = S3MockServer.start();
        Map<String, String> options = server.storageOptions();
        var trust = S3Store.trustManagers(Path.of(options.get("ca_bundle")));
        sdk = S3Client.builder().endpointOverride(server.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> trust)).build();
        sdk.createBucket(b -> b.bucket(BUCKET));
        for (String store : ZarrReference.storeNames()) {
            upload(ZarrReference.store(store), "reference/" + store);
        }
    }

    @AfterAll
    static void stopServer() {
        if (sdk != null) {
            sdk.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Every file of a local store, put under {@code prefix} with the SDK alone (not Lazuli's store). */
    private static void upload(Path store, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(store)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = prefix + "/" + store.relativize(file).toString().replace('\\', '/');
                sdk.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(file));
            }
        }
    }

    private static Set<String> keys(String prefix) {
        Set<String> keys = new TreeSet<>();
        for (var page : sdk.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix + "/"))) {
            for (S3Object object : page.contents()) {
                keys.add(object.key().substring(prefix.length() + 1));
            }
        }
        return keys;
    }

    private static URI s3(String key) {
        return URI.create("s3://" + BUCKET + "/" + key);
    }

    private static OpenOptions opening() {
        return OpenOptions.defaults().withChunks(Map.of()).withStorageOptions(server.storageOptions());
    }

    private static WriteOptions writing() {
        return WriteOptions.defaults().withStorageOptions(server.storageOptions());
    }

    @Test
    void xarraysStoresReadFromTheBucketAsXarrayReadsThem() {
        for (String store : ZarrReference.storeNames()) {
            OpenOptions options = store.equals("groups.zarr") ? opening().withGroup("model/run1") : opening();
            try (Dataset remote = Lazuli.openZarr(s3("reference/" + store), options)) {
                ZarrReference.check(store, remote, true);
            }
        }
    }

    @Test
    void workersWriteTheirChunksToTheBucketAndAnAppendExtendsIt() {
        Dataset first = ZarrWriteTest.field(24, 5, 0);
        Dataset second = ZarrWriteTest.field(6, 6, 24);
        WriteOptions chunked = writing().withEncoding("tas", Map.of("chunks", List.of(8, 6, 5)));
        Set<String> writers = ZarrWriteTest.workersThatWrite(() -> {
            first.toZarr(s3("written/field.zarr"), chunked);
            second.toZarr(s3("written/field.zarr"), writing().withMode("a").withAppendDim("time"));
        });
        assertEquals(2, writers.size(), "both workers wrote chunks: " + writers);
        Set<String> keys = keys("written/field.zarr");
        assertTrue(keys.containsAll(List.of(".zgroup", ".zattrs", ".zmetadata", "tas/.zarray", "tas/0.0.0", "tas/3.0.1")),
                keys.toString());
        try (Dataset back = Lazuli.openZarr(s3("written/field.zarr"), opening())) {
            ZarrWriteTest.assertAppended(back, first, second, new long[] {8, 6, 5});
        }
    }

    @Test
    void aZarrV3StoreRoundTripsThroughTheBucketAndModeWReplacesIt() {
        Dataset field = ZarrWriteTest.field(12, 9, 0);
        field.toZarr(s3("v3/field.zarr"), writing().withZarrFormat(3));
        assertTrue(keys("v3/field.zarr").containsAll(List.of("zarr.json", "tas/zarr.json", "tas/c/0/0/0")));
        RuntimeException exists = assertThrows(RuntimeException.class,
                () -> field.toZarr(s3("v3/field.zarr"), writing().withZarrFormat(3)));
        assertTrue(exists.getMessage().contains("s3://climate/v3/field.zarr"), exists.getMessage());
        Dataset smaller = ZarrWriteTest.field(4, 10, 0);
        smaller.toZarr(s3("v3/field.zarr"), writing().withZarrFormat(3).withMode("w"));
        try (Dataset back = Lazuli.openZarr(s3("v3/field.zarr"), opening())) {
            assertEquals(4L, back.sizes().get("time"));
            assertArrayEquals(smaller.get("tas").values().toFloatArray(), back.get("tas").values().toFloatArray());
        }
        assertTrue(keys("v3/field.zarr").stream().noneMatch(k -> k.startsWith("tas/c/1/")), "old chunks were removed");
    }

    @Test
    void shardedStoresAreReadFromTheBucketWithRangeRequests() throws Exception {
        Path sharded = Path.of(ZarrS3Test.class.getResource("/zarr3_sharded/gzip_end.zarr").toURI());
        upload(sharded, "sharded/gzip_end.zarr");
        try (Dataset remote = Lazuli.openZarr(s3("sharded/gzip_end.zarr"), opening());
             Dataset local = Lazuli.openZarr(sharded)) {
            assertArrayEquals(local.get("tas").values().toDoubleArray(), remote.get("tas").values().toDoubleArray());
        }
        Dataset field = ZarrWriteTest.field(20, 12, 0);
        field.toZarr(s3("sharded/written.zarr"), writing().withZarrFormat(3)
                .withEncoding("tas", Map.of("chunks", List.of(4, 3, 5), "shards", List.of(8, 6, 10))));
        assertTrue(keys("sharded/written.zarr").containsAll(List.of("tas/c/0/0/0", "tas/c/2/0/0")));
        try (Dataset back = Lazuli.openZarr(s3("sharded/written.zarr"), opening())) {
            assertArrayEquals(field.get("tas").values().toFloatArray(), back.get("tas").values().toFloatArray());
        }
    }

    @Test
    void aMissingStoreAWrongBucketAndACorruptChunkNameTheObject() {
        RuntimeException missing = assertThrows(RuntimeException.class,
                () -> Lazuli.openZarr(s3("reference/nothing.zarr"), opening()));
        assertTrue(messages(missing).contains("s3://climate/reference/nothing.zarr"), messages(missing));

        URI wrongBucket = URI.create("s3://no-such-bucket/reference/zstd.zarr");
        RuntimeException bucket = assertThrows(RuntimeException.class, () -> Lazuli.openZarr(wrongBucket, opening()));
        assertTrue(messages(bucket).contains("no-such-bucket") && messages(bucket).contains("does not exist"),
                messages(bucket));

        byte[] garbage = new byte[64];
        java.util.Arrays.fill(garbage, (byte) 0x5A);
        upload("corrupt", ZarrReference.store("blosc_lz4.zarr"));
        sdk.putObject(b -> b.bucket(BUCKET).key("corrupt/tas/1.0.0"), RequestBody.fromBytes(garbage));
        try (Dataset ds = Lazuli.openZarr(s3("corrupt"), opening())) {
            RuntimeException damaged = assertThrows(RuntimeException.class, () -> ds.get("tas").values());
            assertTrue(messages(damaged).contains("s3://climate/corrupt/tas/1.0.0"), messages(damaged));
        }
    }

    private static void upload(String prefix, Path store) {
        try {
            upload(store, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void badOptionsAndAnUnreachableEndpointAreRefusedWithWhatToCheck() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Lazuli.openZarr(
                s3("reference/zstd.zarr"), opening().withStorageOptions(Map.of("endpoint", "https://localhost:1"))));
        assertTrue(unknown.getMessage().contains("'endpoint'") || unknown.getMessage().contains("[endpoint]"),
                unknown.getMessage());
        assertTrue(unknown.getMessage().contains("endpoint_url"), unknown.getMessage());

        IllegalArgumentException half = assertThrows(IllegalArgumentException.class, () -> Lazuli.openZarr(
                s3("reference/zstd.zarr"), opening().withStorageOptions(Map.of("key", "k"))));
        assertTrue(half.getMessage().contains("secret"), half.getMessage());

        Map<String, String> closed = new java.util.HashMap<>(server.storageOptions());
        closed.put("endpoint_url", "https://localhost:1");
        RuntimeException unreachable = assertThrows(RuntimeException.class, () -> Lazuli.openZarr(
                s3("reference/zstd.zarr"), opening().withStorageOptions(closed)));
        assertTrue(messages(unreachable).contains("s3://climate/reference/zstd.zarr")
                && messages(unreachable).contains("reachable"), messages(unreachable));

        IllegalArgumentException local = assertThrows(IllegalArgumentException.class, () -> Lazuli.openZarr(
                ZarrReference.store("zstd.zarr"), opening()));
        assertTrue(local.getMessage().contains("s3://"), local.getMessage());
    }
}
