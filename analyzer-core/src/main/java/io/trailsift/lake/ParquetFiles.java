package io.trailsift.lake;

import com.github.luben.zstd.Zstd;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * How trailsift writes Parquet with parquet-java and no Hadoop at run time: Hadoop is
 * needed only to compile (the builders name its Configuration), so the files go through
 * parquet-java's local files and plain configuration, and compression through zstd-jni directly
 * (parquet-java's own codec factory loads Hadoop's codec classes).
 *
 * <p>Zstd (level 3): the lake's text is dominated by JSON objects that repeat within a partition;
 * zstd keeps them at about a third of Snappy's size for the same write cost (benchmarks/RESULTS.md).
 */
final class ParquetFiles {
    private static final int ZSTD_LEVEL = 3;
    /**
     * One row group per file in practice: a lake file holds one writer's rows of one partition
     * between two commits, far below this. Readers skip whole files by their partition and row
     * groups by their statistics, so a group per file loses nothing.
     */
    private static final long ROW_GROUP_BYTES = 128L * 1024 * 1024;
    /**
     * What an open file holds in memory per column: its page being filled, and its dictionary until
     * that outgrows this size and the column falls back to plain encoding. parquet-java's defaults
     * (1 MB each) cost 40-80 MB per open file with 42 columns, and a writer keeps one file open
     * per partition it has rows for: an organisation's trail touched about 90 partitions per
     * thread within one commit, and a 640 MB heap ran out. Values that repeat (sources, names,
     * regions, ARNs of a partition) still fit a dictionary this size.
     */
    private static final int PAGE_BYTES = 128 * 1024;
    private static final int DICTIONARY_BYTES = 64 * 1024;

    private ParquetFiles() {
    }

    /** A writer of {@code schema} rows into a new file at {@code file}; {@code row} turns one value into fields. */
    static <T> ParquetWriter<T> writer(Path file, MessageType schema, BiConsumer<RecordConsumer, T> row,
                                       Map<String, String> metadata) throws IOException {
        return writer(file, schema, row, metadata, Columns.ALL_DEFAULT);
    }

    /**
     * Columns that skip parts of the default encoding. {@code withoutDictionary}: values that
     * rarely repeat (ids, times, large JSON objects) only pay for a dictionary, every value hashed
     * into it until it outgrows its size and the column falls back to plain encoding anyway.
     * {@code withoutStatistics}: text whose min and max never rule a file out (random ids, JSON),
     * yet cost a comparison of every value.
     */
    record Columns(Set<String> withoutDictionary, Set<String> withoutStatistics) {
        static final Columns ALL_DEFAULT = new Columns(Set.of(), Set.of());
    }

    /** As above, with some columns' dictionary or statistics left out. */
    static <T> ParquetWriter<T> writer(Path file, MessageType schema, BiConsumer<RecordConsumer, T> row,
                                       Map<String, String> metadata, Columns columns) throws IOException {
        Builder<T> builder = new Builder<>(new LocalOutputFile(file), new RowSupport<>(schema, row, metadata));
        columns.withoutDictionary().forEach(c -> builder.withDictionaryEncoding(c, false));
        columns.withoutStatistics().forEach(c -> builder.withStatisticsEnabled(c, false));
        return builder
                // the per-page size histograms are for readers planning memory; none of the lake's readers use them
                .withSizeStatisticsEnabled(false)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(Zstd3.INSTANCE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withPageSize(PAGE_BYTES)
                .withDictionaryPageSize(DICTIONARY_BYTES)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .build();
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final WriteSupport<T> support;

        Builder(LocalOutputFile file, WriteSupport<T> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    /** Writes each value through a function of the caller's: no intermediate objects per row. */
    private static final class RowSupport<T> extends WriteSupport<T> {
        private final MessageType schema;
        private final BiConsumer<RecordConsumer, T> row;
        private final Map<String, String> metadata;
        private RecordConsumer consumer;

        RowSupport(MessageType schema, BiConsumer<RecordConsumer, T> row, Map<String, String> metadata) {
            this.schema = schema;
            this.row = row;
            this.metadata = metadata;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, metadata);
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, metadata);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(T record) {
            consumer.startMessage();
            row.accept(consumer, record);
            consumer.endMessage();
        }
    }

    /**
     * Zstd through zstd-jni, and no compression; nothing else is written here. (Reading goes
     * through DuckDB: parquet-java's read options load Hadoop classes.)
     */
    private enum Zstd3 implements CompressionCodecFactory {
        INSTANCE;

        @Override
        public BytesInputCompressor getCompressor(CompressionCodecName codec) {
            return new BytesInputCompressor() {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    return codec == CompressionCodecName.ZSTD
                            ? BytesInput.from(Zstd.compress(bytes.toByteArray(), ZSTD_LEVEL)) : bytes;
                }

                @Override
                public CompressionCodecName getCodecName() {
                    return codec;
                }

                @Override
                public void release() {
                }
            };
        }

        @Override
        public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
            if (codec != CompressionCodecName.ZSTD && codec != CompressionCodecName.UNCOMPRESSED) {
                throw new IllegalArgumentException("trailsift reads Parquet compressed with zstd or not at all, not " + codec);
            }
            return new BytesInputDecompressor() {
                @Override
                public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                    return codec == CompressionCodecName.ZSTD
                            ? BytesInput.from(Zstd.decompress(bytes.toByteArray(), uncompressedSize)) : bytes;
                }

                @Override
                public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                        throws IOException {
                    byte[] in = new byte[compressedSize];
                    input.get(in);
                    byte[] out = codec == CompressionCodecName.ZSTD ? Zstd.decompress(in, uncompressedSize) : in;
                    output.put(out, 0, uncompressedSize);
                }

                @Override
                public void release() {
                }
            };
        }

        @Override
        public void release() {
        }
    }
}
