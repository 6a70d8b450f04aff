package org.lazuli.plot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Natural Earth's coastlines (1:50m land boundaries from the world-atlas TopoJSON, public domain;
 * {@code land-50m.LICENSE.txt}) as lines of longitude and latitude, read once. Every arc of the land
 * topology is a stretch of coast, except the cuts Natural Earth makes along the antimeridian and the
 * South Pole, which are left out.
 */
final class Coastlines {
    private static volatile List<double[]> lines;

    private Coastlines() {
    }

    /** Each line as {lon0, lat0, lon1, lat1, …}. */
    static List<double[]> lines() {
        List<double[]> read = lines;
        if (read == null) {
            synchronized (Coastlines.class) {
                if (lines == null) {
                    lines = read("land-50m.json");
                }
                read = lines;
            }
        }
        return read;
    }

    private static List<double[]> read(String resource) {
        JsonNode topology;
        try (InputStream in = Coastlines.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the plot jar");
            }
            topology = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the coastlines " + resource + ": " + e.getMessage(), e);
        }
        double sx = topology.at("/transform/scale/0").asDouble();
        double sy = topology.at("/transform/scale/1").asDouble();
        double tx = topology.at("/transform/translate/0").asDouble();
        double ty = topology.at("/transform/translate/1").asDouble();
        List<double[]> out = new ArrayList<>();
        for (JsonNode arc : topology.get("arcs")) {
            long x = 0;
            long y = 0;
            List<Double> line = new ArrayList<>();
            double previousLon = Double.NaN;
            double previousLat = Double.NaN;
            for (JsonNode delta : arc) {
                x += delta.get(0).asLong();   // positions are quantized and delta-encoded
                y += delta.get(1).asLong();
                double lon = x * sx + tx;
                double lat = y * sy + ty;
                if (isCut(previousLon, previousLat, lon, lat)) {
                    flush(line, out);
                }
                line.add(lon);
                line.add(lat);
                previousLon = lon;
                previousLat = lat;
            }
            flush(line, out);
        }
        return List.copyOf(out);
    }

    /** A segment along the antimeridian or the South Pole: where Natural Earth cuts polygons, not a coast. */
    private static boolean isCut(double lon0, double lat0, double lon1, double lat1) {
        boolean antimeridian = Math.abs(Math.abs(lon0) - 180) < 1e-6 && Math.abs(Math.abs(lon1) - 180) < 1e-6;
        boolean pole = lat0 < -89.99 && lat1 < -89.99;
        return antimeridian || pole;
    }

    private static void flush(List<Double> line, List<double[]> out) {
        if (line.size() >= 4) {
            double[] points = new double[line.size()];
            for (int i = 0; i < points.length; i++) {
                points[i] = line.get(i);
            }
            out.add(points);
        }
        line.clear();
    }
}
