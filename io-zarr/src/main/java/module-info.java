/**
 * The Zarr v2 and v3 backend: found by core's {@code Lazuli.openZarr} and {@code openDataset} as a
 * {@link org.lazuli.io.spi.DatasetBackend} service, so it exports nothing.
 */
@SuppressWarnings("requires-automatic")   // aircompressor, JNA and the AWS SDK name their modules in their manifests only
module org.lazuli.io.zarr {
    requires org.lazuli.core;
    requires com.fasterxml.jackson.databind;
    requires aircompressor;
    requires com.sun.jna;
    requires java.net.http;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.services.s3;

    provides org.lazuli.io.spi.DatasetBackend with org.lazuli.io.zarr.ZarrBackend;
}
