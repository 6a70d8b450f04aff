package org.lazuli.examples;

/**
 * The tutorial end to end, on embedded defaults. Each section is its own class so it can be read (and
 * run) alone; sections join here as the modules they need arrive.
 */
public final class Tutorial {
    private Tutorial() {
    }

    public static void main(String[] args) {
        System.out.println("== Chunked arrays ==");
        ChunkedArrays.run();
        System.out.println();
        System.out.println("== Labelled data from a NetCDF file ==");
        LabelledData.run();
    }
}
