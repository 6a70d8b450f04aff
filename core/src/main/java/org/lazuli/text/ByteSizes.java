package org.lazuli.text;

import java.util.Locale;

/** Parses and formats byte counts the way dask writes them ("128 MiB", "2GB"). */
public final class ByteSizes {
    private ByteSizes() {
    }

    /** Parses "2GB" (10^9), "2GiB" (2^30), "512MB", "100kB", "123" (bytes). */
    public static long parse(String text) {
        String s = text.trim().replace(" ", "").toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < s.length() && (Character.isDigit(s.charAt(split)) || s.charAt(split) == '.')) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("Cannot read a byte size from '" + text + "'; write e.g. \"2GB\", \"512MiB\"");
        }
        double number;
        try {
            number = Double.parseDouble(s.substring(0, split));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Cannot read a byte size from '" + text + "': '" + s.substring(0, split)
                    + "' is not a number; write e.g. \"2GB\", \"1.5GiB\"", e);
        }
        String unit = s.substring(split);
        double factor = switch (unit) {
            case "", "b" -> 1;
            case "kb", "k" -> 1e3;
            case "mb", "m" -> 1e6;
            case "gb", "g" -> 1e9;
            case "tb", "t" -> 1e12;
            case "kib" -> 1024.0;
            case "mib" -> 1024.0 * 1024;
            case "gib" -> 1024.0 * 1024 * 1024;
            case "tib" -> 1024.0 * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("Unknown byte unit '" + unit + "' in '" + text
                    + "'; use B, kB, MB, GB, TB, KiB, MiB, GiB or TiB");
        };
        return (long) (number * factor);
    }

    /** Formats with binary units as dask does: "762.94 MiB". */
    public static String format(long bytes) {
        String[] units = {"B", "kiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    /**
     * A size as someone would have written it: the largest unit, decimal or binary, that holds it whole
     * ("1GB" gives "1 GB", "512MiB" gives "512 MiB"); otherwise as {@link #format(long)}. For settings
     * read back to their user, such as a worker's memory.
     */
    public static String formatAsWritten(long bytes) {
        String[] names = {"TiB", "TB", "GiB", "GB", "MiB", "MB", "kiB", "kB"};
        long[] sizes = {1L << 40, 1_000_000_000_000L, 1L << 30, 1_000_000_000L, 1L << 20, 1_000_000L, 1L << 10, 1000L};
        for (int i = 0; i < sizes.length; i++) {
            if (bytes >= sizes[i] && bytes % sizes[i] == 0) {
                return bytes / sizes[i] + " " + names[i];
            }
        }
        return format(bytes);
    }
}
