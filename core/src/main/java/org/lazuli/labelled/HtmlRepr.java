package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lazuli.text.HtmlText;

/**
 * The HTML reprs notebooks show, laid out as xarray's: a header, then collapsible sections (dimensions,
 * coordinates, data variables, indexes, attributes). Each variable is a row of name, dims, dtype and a
 * preview that opens onto its attributes and its data: the values, or for chunked data dask's table and
 * chunk picture. Plain HTML and CSS ({@code <details>}), so it needs no script and reads in any page.
 */
final class HtmlRepr {
    private static final int OPEN_UP_TO = 25;   // sections with more rows start closed, as xarray's
    private static final String STYLE = "<style>"
            + ".lz-wrap{font-family:monospace;font-size:13px;line-height:1.5;max-width:960px}"
            + ".lz-header{border-bottom:1px solid #ccc;padding-bottom:4px;margin-bottom:4px}"
            + ".lz-type{color:#555}.lz-name{font-weight:bold}"
            + ".lz-wrap details{margin:2px 0}.lz-wrap summary{cursor:pointer}"
            + ".lz-section>summary{font-weight:bold}"
            + ".lz-rows{margin:0 0 0 1.5em;padding:0;list-style:none}"
            + ".lz-var summary{display:grid;grid-template-columns:14em 12em 8em auto;gap:0.5em}"
            + ".lz-index{font-weight:bold}.lz-dims,.lz-dtype{color:#555}.lz-preview{color:#777;overflow:hidden;"
            + "white-space:nowrap;text-overflow:ellipsis}"
            + ".lz-detail{margin:4px 0 8px 2em}.lz-attrs{display:grid;grid-template-columns:max-content auto;gap:0 1em;"
            + "margin:0}.lz-attrs dt{color:#555}.lz-attrs dd{margin:0}"
            + ".lz-data{margin:4px 0;white-space:pre;overflow-x:auto}"
            + "</style>";

    private HtmlRepr() {
    }

    static String dataArray(DataArray a) {
        StringBuilder html = new StringBuilder("<div class=\"lazuli-repr lz-wrap\">").append(STYLE);
        html.append("<div class=\"lz-header\"><span class=\"lz-type\">lazuli.DataArray</span> ");
        if (a.name() != null) {
            html.append("<span class=\"lz-name\">'").append(esc(a.name())).append("'</span> ");
        }
        html.append(esc("(" + dims(a.sizes()) + ")")).append("</div>");
        html.append("<div class=\"lz-detail\">").append(data(a.variable())).append("</div>");
        html.append("<ul class=\"lz-rows\">");
        section(html, "Coordinates", a.coordVariables(), a.dims());
        indexes(html, a.coordVariables());
        attributes(html, a.attrs());
        return html.append("</ul></div>").toString();
    }

    static String dataset(Dataset ds) {
        StringBuilder html = new StringBuilder("<div class=\"lazuli-repr lz-wrap\">").append(STYLE);
        html.append("<div class=\"lz-header\"><span class=\"lz-type\">lazuli.Dataset</span></div>");
        html.append("<ul class=\"lz-rows\">");
        html.append("<li><details class=\"lz-section\" open><summary>Dimensions:</summary><div class=\"lz-detail\">")
                .append(esc("(" + dims(ds.sizes()) + ")")).append("</div></details></li>");
        section(html, "Coordinates", ds.coords().variables(), List.copyOf(ds.sizes().keySet()));
        Map<String, Variable> data = new LinkedHashMap<>();
        ds.dataVarNames().forEach(n -> data.put(n, ds.variables().get(n)));
        section(html, "Data variables", data, List.copyOf(ds.sizes().keySet()));
        indexes(html, ds.coords().variables());
        attributes(html, ds.attrs());
        return html.append("</ul></div>").toString();
    }

    private static void section(StringBuilder html, String title, Map<String, Variable> variables, List<String> dims) {
        html.append("<li><details class=\"lz-section\"").append(variables.size() <= OPEN_UP_TO ? " open" : "")
                .append("><summary>").append(title).append(": (").append(variables.size()).append(")</summary>");
        html.append("<ul class=\"lz-rows\">");
        variables.forEach((name, v) -> {
            boolean indexed = v.dims().equals(List.of(name));
            html.append("<li><details class=\"lz-var\"><summary><span class=\"").append(indexed ? "lz-index" : "lz-plain")
                    .append("\">").append(indexed ? "* " : "").append(esc(name)).append("</span>")
                    .append("<span class=\"lz-dims\">").append(esc("(" + String.join(", ", v.dims()) + ")"))
                    .append("</span><span class=\"lz-dtype\">").append(esc(v.dtypeName())).append("</span>")
                    .append("<span class=\"lz-preview\">").append(esc(preview(v))).append("</span></summary>")
                    .append("<div class=\"lz-detail\">");
            if (!v.attrs().isEmpty()) {
                definitions(html, v.attrs());
            }
            html.append(data(v)).append("</div></details></li>");
        });
        if (variables.isEmpty()) {
            html.append("<li>*empty*</li>");
        }
        html.append("</ul></details></li>");
    }

    private static void indexes(StringBuilder html, Map<String, Variable> coords) {
        List<String> indexed = new ArrayList<>();
        coords.forEach((name, v) -> {
            if (v.dims().equals(List.of(name))) {
                indexed.add(name);
            }
        });
        if (indexed.isEmpty()) {
            return;
        }
        html.append("<li><details class=\"lz-section\"><summary>Indexes: (").append(indexed.size())
                .append(")</summary><div class=\"lz-detail\"><dl class=\"lz-attrs\">");
        for (String name : indexed) {
            Variable v = coords.get(name);
            html.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(v.size() + " labels, " + v.dtypeName()
                    + ": " + preview(v))).append("</dd>");
        }
        html.append("</dl></div></details></li>");
    }

    private static void attributes(StringBuilder html, Map<String, Object> attrs) {
        html.append("<li><details class=\"lz-section\"").append(attrs.size() <= OPEN_UP_TO ? " open" : "")
                .append("><summary>Attributes: (").append(attrs.size()).append(")</summary><div class=\"lz-detail\">");
        definitions(html, attrs);
        html.append("</div></details></li>");
    }

    private static void definitions(StringBuilder html, Map<String, Object> attrs) {
        html.append("<dl class=\"lz-attrs\">");
        attrs.forEach((k, value) -> html.append("<dt>").append(esc(k)).append(" :</dt><dd>")
                .append(esc(ValueMap.text(value))).append("</dd>"));
        html.append("</dl>");
    }

    /** A variable's data: chunked data as dask shows it, else the values (truncated as NumPy prints them). */
    private static String data(Variable v) {
        if (!v.isLabels() && v.isLazy()) {
            return v.array().toHtml();
        }
        String values = v.isLabels() ? preview(v) : v.values().toString();
        return "<div class=\"lz-data\">" + esc(values) + "</div>";
    }

    /** The first values on one line; for chunked data its chunks (a repr computes nothing). */
    private static String preview(Variable v) {
        return !v.isLabels() && v.isLazy() ? Repr.chunkSummary(v.array()) : Repr.preview(v, 120);
    }

    private static String dims(Map<String, Long> sizes) {
        return sizes.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String esc(String text) {
        return HtmlText.escape(text);
    }
}
