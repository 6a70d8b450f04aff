package org.lazuli.spark;

import java.util.Iterator;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.storage.BlockResult;
import org.apache.spark.storage.RDDBlockId;
import org.lazuli.exec.ResultStore;
import org.lazuli.graph.TaskKey;
import scala.Option;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * Results kept as a cached RDD's partitions. Readable from the driver and from tasks on executors
 * (through Spark's block manager, local or remote). The driver's reference to the RDD is what keeps
 * it cached: when the persisted array (and so this handle) is unreachable, Spark's cleaner drops it.
 */
final class SparkResultStore implements ResultStore {
    private static final long serialVersionUID = 1L;

    private final transient JavaPairRDD<TaskKey, Object> rdd;    // the driver's strong reference; null elsewhere
    private final int rddId;
    private final Map<TaskKey, Integer> partitionOf;

    SparkResultStore(JavaPairRDD<TaskKey, Object> rdd, Map<TaskKey, Integer> partitionOf) {
        this.rdd = rdd;
        this.rddId = rdd.id();
        this.partitionOf = Map.copyOf(partitionOf);
    }

    @Override
    public Object get(TaskKey key) {
        Integer partition = partitionOf.get(key);
        if (partition == null) {
            throw new IllegalArgumentException("No kept result for " + key + " in cached RDD " + rddId);
        }
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            throw new IllegalStateException("The Spark application keeping " + key + " has stopped; persist again"
                    + " on a running SparkCluster");
        }
        Option<BlockResult> block = env.blockManager().get(new RDDBlockId(rddId, partition), ClassTag$.MODULE$.AnyRef());
        if (block.isEmpty()) {
            throw new IllegalStateException("The cached block of " + key + " (RDD " + rddId + ", partition " + partition
                    + ") is gone: the executors holding it were lost or the cluster was restarted; persist again");
        }
        // read to the end: the block manager releases its read lock on the block only then
        Iterator<Object> records = scala.jdk.javaapi.CollectionConverters.asJava(block.get().data());
        Object found = null;
        while (records.hasNext()) {
            @SuppressWarnings("unchecked")
            Tuple2<TaskKey, Object> record = (Tuple2<TaskKey, Object>) records.next();
            if (found == null && record._1().equals(key)) {
                found = record._2();
            }
        }
        if (found == null) {
            throw new IllegalStateException("Cached partition " + partition + " of RDD " + rddId + " does not hold " + key);
        }
        return found;
    }

    @Override
    public String toString() {
        return "SparkResultStore[RDD " + rddId + ", " + partitionOf.size() + " results" + (rdd == null ? "" : ", cached") + "]";
    }
}
