package io.trailsift.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code sigma_*} helpers compiled Sigma rules read JSON fields with (analyzer-core's
 * RuleHelpers defines them as DuckDB macros over its JSON type), as Java functions over JSON
 * text. A JSON value travels as its compact text, so that a string keeps its quotes and a JSON
 * null stays apart from a missing field, as DuckDB's JSON values do:
 * <ul>
 *   <li>{@code sigma_expand(j)}: the elements of an array, else the value alone, none for NULL;</li>
 *   <li>{@code sigma_step(values, '$."key"')}: each object's member {@code key}, expanded;</li>
 *   <li>{@code sigma_text(j)}: a value as Sigma compares it (a string without its quotes, JSON
 *   null as NULL, anything else as its text);</li>
 *   <li>{@code sigma_ipv4(text)}: a dotted address as a number, else NULL.</li>
 * </ul>
 * The values are log content: they are parsed here, never turned into SQL.
 */
final class SigmaBridges {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern STEP = Pattern.compile("\\$\\.\"([^\"]*)\"");

    private SigmaBridges() {
    }

    static void register(SparkSession spark) {
        var texts = DataTypes.createArrayType(DataTypes.StringType);
        spark.udf().register("sigma_expand", (UDF1<String, List<String>>) SigmaBridges::expand, texts);
        spark.udf().register("sigma_step", (UDF2<Seq<String>, String, List<String>>) (values, path) ->
                step(values == null ? List.of() : CollectionConverters.asJava(values), path), texts);
        spark.udf().register("sigma_text", (UDF1<String, String>) SigmaBridges::text, DataTypes.StringType);
        spark.udf().register("sigma_ipv4", (UDF1<String, Long>) SigmaBridges::ipv4, DataTypes.LongType);
    }

    static List<String> expand(String json) {
        if (json == null) {
            return List.of();
        }
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return List.of(copy(p)); // the value alone, from the parse already begun
            }
            List<String> elements = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                elements.add(copy(p));
            }
            return elements;
        } catch (IOException notJson) {
            return List.of(); // DuckDB's cast fails the same text; a stored JSON column is always JSON
        }
    }

    static List<String> step(List<String> values, String path) {
        var m = STEP.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException("sigma_step takes a path of one member, not " + path);
        }
        String key = m.group(1);
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null) {
                out.addAll(expand(member(v, key)));
            }
        }
        return out;
    }

    static String text(String json) {
        if (json == null) {
            return null;
        }
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null || t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t == JsonToken.VALUE_STRING || t.isScalarValue()) {
                return p.getText();
            }
            return copy(p);
        } catch (IOException notJson) {
            return null;
        }
    }

    static Long ipv4(String address) {
        if (address == null || !IPV4.matcher(address).matches()) {
            return null;
        }
        long n = 0;
        for (String octet : address.split("\\.")) {
            n = n * 256 + Long.parseLong(octet);
        }
        return n;
    }

    /** The text of member {@code key} of the object {@code json}, or null when it is not an object or lacks the member. */
    private static String member(String json, String key) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(key)) {
                    return copy(p);
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** The value at the parser's current token, as compact JSON text. */
    private static String copy(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toString();
    }
}
