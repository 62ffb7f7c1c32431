package io.trailsift.spark;

import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.Arrays;

/**
 * The spark-submit entry point: {@code ingest} writes the lake the CLI's {@code ingest --lake}
 * writes, {@code hunt} runs the rules over a lake and writes findings as {@code hunt --format jsonl}
 * does. The session comes from spark-submit (master, executors); nothing here sets them.
 */
public final class TrailsiftSpark {
    private TrailsiftSpark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println(usage());
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int code;
        try (SparkSession spark = SparkSession.builder().appName("trailsift " + args[0]).getOrCreate()) {
            code = switch (args[0]) {
                case "ingest" -> SparkIngest.run(spark, rest);
                case "hunt" -> SparkHunt.run(spark, rest);
                default -> {
                    System.err.println("trailsift-spark: unknown command '" + args[0] + "'\n" + usage());
                    yield 2;
                }
            };
        }
        System.exit(code);
    }

    private static String usage() {
        return "usage: spark-submit trailsift-spark.jar ingest PATH... --lake DIR [--since TIME] [--until TIME] "
                + "[--account ID,...] [--region REGION,...]\n"
                + "       spark-submit trailsift-spark.jar hunt --lake DIR --out FILE [--rules PATH...] [--sigma PATH...]";
    }
}
