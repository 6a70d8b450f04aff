/**
 * The NetCDF-3 and NetCDF-4 backend: found by core's {@code Lazuli.openDataset} as a {@link
 * org.lazuli.io.spi.DatasetBackend} service; {@code NetcdfWriter} writes files in a chosen format.
 */
@SuppressWarnings("requires-automatic")   // NetCDF-Java 4.5 and jhdf are automatic modules
module org.lazuli.io.netcdf {
    requires transitive org.lazuli.core;
    requires cdm;
    requires netcdf4;
    requires io.jhdf;
    requires com.sun.jna;
    requires jdk.unsupported;   // Unsafe.invokeCleaner: a block's mapping is released when it has been read

    exports org.lazuli.io.netcdf;

    provides org.lazuli.io.spi.DatasetBackend with org.lazuli.io.netcdf.NetcdfBackend;
}
