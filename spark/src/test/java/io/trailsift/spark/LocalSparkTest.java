package io.trailsift.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalSparkTest {
    @Test
    void aLocalSessionAnswersInUtc() throws IOException {
        try (SparkSession spark = LocalSpark.start()) {
            assertEquals("2026-05-21 10:00:00",
                    spark.sql("SELECT CAST(TIMESTAMP '2026-05-21 10:00:00' AS STRING)").first().getString(0));
            assertEquals(3L, spark.range(3).count());
        }
    }
}
