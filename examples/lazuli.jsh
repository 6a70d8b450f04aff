// JShell start-up script: the tutorial's imports, so its snippets can be typed as they are.
// Class path and usage: see "Interactive use" in the README.
import java.nio.file.*;
import java.util.*;
import org.lazuli.*;
import org.lazuli.array.*;
import org.lazuli.cluster.*;
import org.lazuli.exec.*;
import org.lazuli.labelled.*;
import org.lazuli.time.*;
import org.lazuli.plot.*;
import org.lazuli.spark.*;
import org.lazuli.examples.ExampleData;

System.out.println("Lazuli: ChunkedArray, DataArray, Dataset, Lazuli.openDataset, LocalCluster, SparkCluster, Client and Plot are imported.");
System.out.println("Sample data: ExampleData.winds() (monthly winds) and ExampleData.bcsd() (US precipitation and temperature) are NetCDF files.");
