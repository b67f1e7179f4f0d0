package dev.larder.benchmarks;

import dev.larder.serial.AllowList;
import dev.larder.serial.DefaultSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default serializer's own format against Java serialisation under an allow-list filter
 * (what the default serializer used for every collection and record before it had a format of
 * its own), side by side in one run: one encode plus one decode per call, on one thread, and
 * bytes per stored value. Three shapes a web app caches: a small map of mixed values, a record
 * of an order with five lines, and a list of 100 longs.
 */
public final class SerialLoad {
    /** An order, as an application would cache one. */
    public record Order(long id, String customer, List<Line> lines, BigDecimal total, Instant placed)
            implements Serializable {
    }

    public record Line(String sku, int quantity, BigDecimal price) implements Serializable {
    }

    private static final AllowList ALLOW = AllowList.defaults().and("dev.larder.benchmarks.*");

    private SerialLoad() {
    }

    public static void main(String[] args) {
        int rounds = Load.roundsArg(args);
        Duration each = Load.durationArg(args);
        DefaultSerializer larder = new DefaultSerializer(ALLOW);
        Report report = new Report("serial");
        report.line("| value | bytes, Larder's format | bytes, Java serialisation | Larder ÷ Java, bytes |"
                + " encode+decode per second, Larder | Java | Larder ÷ Java, speed (range) |");
        report.line("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, Object> shape : shapes().entrySet()) {
            Object value = shape.getValue();
            int larderBytes = larder.serialize(value).length;
            int javaBytes = javaWrite(value).length;
            Map<String, double[]> results = Load.rounds(rounds, List.of(
                    new Load.Variant("larder", () -> Load.throughput(1, each,
                            (t, i) -> larder.deserialize(larder.serialize(value)))),
                    new Load.Variant("java", () -> Load.throughput(1, each, (t, i) -> javaRead(javaWrite(value))))));
            double[] r = Load.ratio(results.get("larder"), results.get("java"));
            report.line(String.format("| %s | %d | %d | %.2fx | %,.0f | %,.0f | **%.2fx** (%.2f-%.2f) |", shape.getKey(),
                    larderBytes, javaBytes, (double) larderBytes / javaBytes, Load.median(results.get("larder")),
                    Load.median(results.get("java")), r[0], r[1], r[2]));
        }
    }

    private static Map<String, Object> shapes() {
        Map<String, Object> profile = new HashMap<>();
        profile.put("id", 42L);
        profile.put("name", "Alice Example");
        profile.put("email", "alice@example.com");
        profile.put("tags", new ArrayList<>(List.of("admin", "beta")));
        profile.put("created", Instant.parse("2026-12-07T03:00:00Z"));
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.add(new Line("SKU-" + i, i + 1, new BigDecimal("19.9" + i)));
        }
        Order order = new Order(7L, "alice@example.com", lines, new BigDecimal("299.50"), Instant.EPOCH);
        List<Long> longs = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            longs.add(i * 1_000_003L);
        }
        Map<String, Object> shapes = new LinkedHashMap<>();
        shapes.put("`HashMap` of 5 (strings, long, list, instant)", profile);
        shapes.put("record `Order` with 5 `Line` records", order);
        shapes.put("`ArrayList` of 100 `Long`", longs);
        return shapes;
    }

    private static byte[] javaWrite(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        bytes.write(10);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Object javaRead(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            in.setObjectInputFilter(info -> info.serialClass() == null ? ObjectInputFilter.Status.UNDECIDED
                    : ALLOW.allows(info.serialClass()) ? ObjectInputFilter.Status.ALLOWED
                    : ObjectInputFilter.Status.REJECTED);
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
