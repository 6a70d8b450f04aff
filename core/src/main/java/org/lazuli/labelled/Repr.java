package org.lazuli.labelled;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.time.CalendarDate;

/** xarray-style text reprs, truncated for many variables, attributes and values. */
final class Repr {
    private static final int MAX_ROWS = 25;
    private static final int WIDTH = 80;

    private Repr() {
    }

    static String dataArray(DataArray a) {
        StringBuilder text = new StringBuilder("<lazuli.DataArray");
        if (a.name() != null) {
            text.append(" '").append(a.name()).append('\'');
        }
        text.append(" (").append(dims(a.sizes())).append(")>\n");
        Variable v = a.variable();
        if (v.isLabels()) {
            text.append(preview(v, 200)).append('\n');
        } else if (v.isLazy()) {
            text.append(chunkSummary(v.array())).append('\n');
        } else {
            text.append(v.values()).append('\n');
        }
        if (!a.coordVariables().isEmpty()) {
            text.append("Coordinates:\n");
            appendVariables(text, a.coordVariables(), nameWidth(a.coordVariables().keySet()));
        }
        appendWithoutCoordinates(text, a.dims(), a.coordVariables());
        appendAttrs(text, a.attrs());
        return text.toString().stripTrailing();
    }

    static String dataset(Dataset ds) {
        StringBuilder text = new StringBuilder("<lazuli.Dataset>\n");
        text.append("Dimensions:  (").append(dims(ds.sizes())).append(")\n");
        Map<String, Variable> coords = ds.coords().variables();
        List<String> dims = new ArrayList<>(ds.sizes().keySet());
        int width = nameWidth(ds.variables().keySet());
        if (!coords.isEmpty()) {
            text.append("Coordinates:\n");
            appendVariables(text, coords, width);
        }
        appendWithoutCoordinates(text, ds.sizes().keySet(), coords);
        text.append("Data variables:\n");
        Map<String, Variable> data = new LinkedHashMap<>();
        ds.dataVarNames().forEach(n -> data.put(n, ds.variables().get(n)));
        appendVariables(text, data, width);
        appendAttrs(text, ds.attrs());
        return text.toString().stripTrailing();
    }

    static String coordinates(Coordinates coords) {
        StringBuilder text = new StringBuilder("Coordinates:\n");
        appendVariables(text, coords.variables(), nameWidth(coords.variables().keySet()));
        return text.toString().stripTrailing();
    }

    static String variable(Variable v) {
        return "<lazuli.Variable (" + dims(v.sizes()) + ")> " + v.dtypeName() + "\n" + preview(v, 200);
    }

    private static String dims(Map<String, Long> sizes) {
        return sizes.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** xarray's column for names: the longest (at least 7) plus room for the marker and a space. */
    private static int nameWidth(Collection<String> names) {
        return Math.max(7, names.stream().mapToInt(String::length).max().orElse(0)) + 2;
    }

    private static void appendVariables(StringBuilder text, Map<String, Variable> variables, int nameWidth) {
        int shown = 0;
        for (Map.Entry<String, Variable> e : variables.entrySet()) {
            if (shown++ == MAX_ROWS) {
                text.append("    ... and ").append(variables.size() - MAX_ROWS).append(" more\n");
                break;
            }
            Variable v = e.getValue();
            boolean indexed = v.dims().equals(List.of(e.getKey()));
            String line = (indexed ? "  * " : "    ") + pad(e.getKey(), nameWidth) + "(" + String.join(", ", v.dims())
                    + ") " + v.dtypeName() + " ";
            String values = v.isLazy() ? chunkSummary(v.array()) : preview(v, WIDTH - line.length());
            text.append(truncate(line + values.replace('\n', ' '), WIDTH + 40)).append('\n');
        }
        if (variables.isEmpty()) {
            text.append("    *empty*\n");
        }
    }

    /** xarray's "Dimensions without coordinates:" line, for dims with no coordinate of their name. */
    private static void appendWithoutCoordinates(StringBuilder text, Collection<String> dims,
                                                 Map<String, Variable> coords) {
        List<String> bare = dims.stream().filter(d -> !(coords.containsKey(d) && coords.get(d).dims().equals(List.of(d))))
                .toList();
        if (!bare.isEmpty()) {
            text.append("Dimensions without coordinates: ").append(String.join(", ", bare)).append('\n');
        }
    }

    private static void appendAttrs(StringBuilder text, Map<String, Object> attrs) {
        if (attrs.isEmpty()) {
            return;
        }
        text.append("Attributes:\n");
        // as xarray: the values start in one column, past the longest name
        int column = attrs.keySet().stream().mapToInt(String::length).max().orElse(0) + 6;
        int shown = 0;
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            if (shown++ == MAX_ROWS) {
                text.append("    ... and ").append(attrs.size() - MAX_ROWS).append(" more\n");
                break;
            }
            String key = "    " + e.getKey() + ":";
            String padded = key.length() >= column ? key : key + " ".repeat(column - key.length());
            text.append(truncate(padded + " " + attrText(e.getValue()), WIDTH)).append('\n');
        }
    }

    private static String attrText(Object value) {
        return ValueMap.text(value);
    }

    /**
     * Dates as xarray prints them: NumPy's datetime64 ("2000-01-01" when every one is at midnight, else
     * "2000-01-01T06:00:00"), or cftime's objects ("2000-01-01 00:00:00") in the other calendars.
     */
    private record DateFormat(boolean numpy, boolean midnights) {
        static DateFormat of(Variable v) {
            boolean midnights = true;
            for (Object label : v.labelArray()) {
                if (label instanceof CalendarDate d && (d.hour() != 0 || d.minute() != 0 || d.second() != 0
                        || d.microsecond() != 0)) {
                    midnights = false;
                    break;
                }
            }
            return new DateFormat(v.dtypeName().startsWith("datetime64"), midnights);
        }

        String format(CalendarDate d) {
            String day = String.format(Locale.ROOT, "%04d-%02d-%02d", d.year(), d.month(), d.day());
            if (numpy) {
                return midnights ? day : d.toString();
            }
            return day + String.format(Locale.ROOT, " %02d:%02d:%02d", d.hour(), d.minute(), d.second());
        }
    }

    /**
     * Timedeltas as xarray prints them (pandas' {@code Timedelta} text): "06:00:00" when no value has whole
     * days, "2 days" when none has a time of day, else "1 days 06:00:00"; "NaT" for a missing one.
     */
    private record TimedeltaFormat(boolean days, boolean time) {
        static TimedeltaFormat of(Object[] labels) {
            boolean days = false;
            boolean time = false;
            for (Object label : labels) {
                if (label instanceof Duration d) {
                    long wholeDays = Math.floorDiv(d.toNanos(), 86_400_000_000_000L);
                    days |= wholeDays != 0;
                    time |= d.toNanos() != wholeDays * 86_400_000_000_000L;
                }
            }
            return new TimedeltaFormat(days || !time, time || !days);
        }

        String format(Duration d) {
            long nanos = d.toNanos();
            long wholeDays = Math.floorDiv(nanos, 86_400_000_000_000L);
            long rest = nanos - wholeDays * 86_400_000_000_000L;
            long seconds = rest / 1_000_000_000L;
            long fraction = rest % 1_000_000_000L;
            String clock = String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                    seconds % 60) + (fraction == 0 ? "" : String.format(Locale.ROOT, ".%09d", fraction)
                    .replaceAll("0+$", ""));
            if (!days) {
                return clock;
            }
            return wholeDays + " days" + (time ? " " + clock : "");
        }
    }

    static String chunkSummary(ChunkedArray array) {
        return "ChunkedArray<chunksize=" + tuple(array.chunkSize()) + ", chunks=" + array.numBlocks() + ">";
    }

    private static String tuple(long[] values) {
        return "(" + Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(", "))
                + (values.length == 1 ? ",)" : ")");
    }

    /** The first values, on one line. */
    static String preview(Variable v, int width) {
        List<String> items = new ArrayList<>();
        if (v.isLabels()) {
            TimedeltaFormat durations = TimedeltaFormat.of(v.labelArray());
            DateFormat dates = DateFormat.of(v);
            for (Object label : v.labelArray()) {
                items.add(label instanceof String s ? "'" + s + "'"
                        : label instanceof Duration d ? durations.format(d)
                        : label instanceof CalendarDate date ? dates.format(date) : String.valueOf(label));
                if (items.size() > 20) {
                    break;
                }
            }
        } else {
            DenseArray values = v.values();
            long n = Math.min(values.size(), 21);
            double[] flat = n == values.size() ? values.toDoubleArray() : values.reshape(-1).toDoubleArray();
            for (int i = 0; i < n; i++) {
                items.add(format(flat[i], v.dtype().isFloat()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String item : items) {
            if (out.length() + item.length() + 4 > width) {
                out.append("...");
                return out.toString();
            }
            out.append(item).append(' ');
        }
        return out.toString().trim();
    }

    private static String format(double value, boolean floating) {
        if (!floating) {
            return Long.toString((long) value);
        }
        if (Double.isNaN(value)) {
            return "nan";
        }
        String s = String.format(Locale.ROOT, "%.4g", value);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", ".0") : s;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private static String truncate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 3) + "...";
    }
}
