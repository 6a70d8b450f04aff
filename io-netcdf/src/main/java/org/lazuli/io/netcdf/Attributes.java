package org.lazuli.io.netcdf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lazuli.io.spi.CfDecoding;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.nc2.Attribute;

/** NetCDF attributes as Java values: a String, a boxed number, or a primitive array for several values. */
final class Attributes {
    private Attributes() {
    }

    /** Attributes the netCDF library keeps to itself (netCDF-C hides them; so does xarray). */
    private static final Set<String> RESERVED = Set.of("_NCProperties", "_SuperblockVersion",
            "_IsNetcdf4", "_Format", "_Netcdf4Coordinates", "_Netcdf4Dimid", "_nc3_strict");

    static Map<String, Object> of(List<Attribute> attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            if (RESERVED.contains(a.getShortName())) {
                continue;
            }
            Object value = value(a);
            if (value != null) {
                out.put(a.getShortName(), value);
            }
        }
        return out;
    }

    static Object value(Attribute a) {
        if (a.isString()) {
            if (a.getLength() <= 1) {
                String s = a.getStringValue();
                return s == null ? "" : s;
            }
            String[] values = new String[a.getLength()];
            for (int i = 0; i < values.length; i++) {
                values[i] = a.getStringValue(i);
            }
            return values;
        }
        Array values = a.getValues();
        if (values == null) {
            return null;
        }
        DataType type = a.getDataType();
        if (a.getLength() == 1) {
            return switch (type) {
                case DOUBLE -> values.getDouble(0);
                case FLOAT -> values.getFloat(0);
                case LONG -> values.getLong(0);
                case INT -> values.getInt(0);
                case SHORT -> values.getShort(0);
                case BYTE -> values.getByte(0);
                default -> values.getObject(0).toString();
            };
        }
        return values.get1DJavaArray(values.getElementType());
    }

    /** Numeric values of an attribute as doubles (empty when absent or not numeric). */
    static double[] numbers(Object value, boolean unsigned) {
        return CfDecoding.numbers(value, unsigned);
    }
}
