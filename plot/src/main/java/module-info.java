/** Maps and line plots of labelled data (xarray's {@code .plot}), drawn with JFreeChart. */
@SuppressWarnings("requires-automatic")   // JFreeChart and proj4j are automatic modules
module org.lazuli.plot {
    requires transitive org.lazuli.core;
    requires transitive java.desktop;
    requires org.jfree.jfreechart;
    requires proj4j;
    requires com.fasterxml.jackson.databind;

    exports org.lazuli.plot;
}
