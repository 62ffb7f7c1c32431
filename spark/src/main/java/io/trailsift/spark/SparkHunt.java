package io.trailsift.spark;

import org.apache.spark.sql.SparkSession;

final class SparkHunt {
    private SparkHunt() {
    }

    static int run(SparkSession spark, String[] args) {
        throw new UnsupportedOperationException("not built yet");
    }
}
