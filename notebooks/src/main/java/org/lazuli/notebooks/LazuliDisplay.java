package org.lazuli.notebooks;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.lazuli.array.ChunkedArray;
import org.lazuli.cluster.Client;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.plot.Plot;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.MimeType;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

/**
 * Lazuli's values as a Jupyter cell shows them, found by the rapaio kernel through its display SPI:
 * a cell ending in a DataArray, Dataset, ChunkedArray or Client shows its HTML repr (the text repr
 * beside it, for plain-text front ends), and one ending in a {@link Plot} shows the picture, as
 * xarray's and dask's {@code _repr_html_} and matplotlib's inline backend do in IPython.
 */
public final class LazuliDisplay implements DisplayProvider {

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(
                new Html<>(DataArray.class, DataArray::toHtml),
                new Html<>(Dataset.class, Dataset::toHtml),
                new Html<>(ChunkedArray.class, ChunkedArray::toHtml),
                new Html<>(Client.class, Client::toHtml),
                new Png());
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    /** A value's HTML repr, with its text repr as the plain-text alternative. */
    private record Html<T>(Class<T> type, Function<T, String> html) implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return type;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || MimeType.HTML.longType().equals(mime) || MimeType.TEXT.longType().equals(mime);
        }

        @Override
        public DisplayData render(String mime, Object value) {
            T typed = type.cast(value);
            if (MimeType.TEXT.longType().equals(mime)) {
                return DisplayData.fromText(typed.toString());
            }
            DisplayData data = DisplayData.fromHtml(html.apply(typed));
            data.putText(typed.toString());
            return data;
        }
    }

    /** A plot as an inline PNG. */
    private static final class Png implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return Plot.class;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || MimeType.PNG.longType().equals(mime);
        }

        @Override
        public DisplayData render(String mime, Object value) {
            DisplayData data = DisplayData.withType(MimeType.PNG.longType(), base64Png(((Plot) value).render()));
            data.putText(value.toString());
            return data;
        }
    }

    static String base64Png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the plot as PNG: " + e.getMessage(), e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
