package org.lazuli.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The real NetCDF files shipped with the examples, copied out of the jar once (NetCDF-Java reads files). */
public final class ExampleData {
    private static Path folder;

    private ExampleData() {
    }

    /** {@code monthly_navy_winds.cdf}: NOAA PMEL's monthly winds, 132 months of 73 x 144 (Ferret's sample data). */
    public static Path winds() {
        return file("monthly_navy_winds.cdf");
    }

    /** {@code bcsd_obs_1999.nc}: twelve months of gridded precipitation and temperature over the US. */
    public static Path bcsd() {
        return file("bcsd_obs_1999.nc");
    }

    static synchronized Path file(String name) {
        try {
            if (folder == null) {
                folder = Files.createTempDirectory("lazuli-examples");
                folder.toFile().deleteOnExit();
            }
            Path target = folder.resolve(name);
            if (!Files.exists(target)) {
                try (InputStream in = ExampleData.class.getResourceAsStream("/data/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("The example file " + name + " is missing from the examples jar");
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the example file " + name + ": " + e.getMessage(), e);
        }
    }

    /** Where the tutorial writes: the folder named by the system property lazuli.output, else a temporary one. */
    static Path output(String name) {
        String configured = System.getProperty("lazuli.output");
        if (configured != null) {
            try {
                Files.createDirectories(Path.of(configured));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Path.of(configured, name);
        }
        file("monthly_navy_winds.cdf");
        Path out = folder.resolve(name);
        out.toFile().deleteOnExit();
        return out;
    }
}
