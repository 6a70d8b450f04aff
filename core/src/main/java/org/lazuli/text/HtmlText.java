package org.lazuli.text;

/** Escaping for the HTML reprs that notebooks show (arrays, clients, datasets). */
public final class HtmlText {
    private HtmlText() {
    }

    /** Text safe to place in an HTML element or a double-quoted attribute. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
