package io.trailsift.render;

import io.trailsift.event.EventTimes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Events per credential over time as an SVG: one lane per credential (in lineage order), a bar per
 * time slot as high as the log of its event count, red for the attacker period and grey for calls
 * that match the key's usual profile; a dashed line where the key first broke its baseline, and
 * the findings as diamonds on a lane of their own. Values are escaped with {@link Escape#html}.
 */
final class ActivityChart {
    /** Lanes past this are summed in the last one. */
    static final int MAX_LANES = 24;
    private static final int SLOTS = 120;
    private static final int LABEL_W = 250;
    private static final int PLOT_W = 840;
    private static final int LANE_H = 30;
    private static final int TOP = 16;

    /** One event: its lane (the credential or principal), and whether it belongs to the attacker period. */
    record Event(Instant time, String lane, boolean attacker) {
    }

    /** A finding at its first event, on the findings lane. */
    record Marker(Instant time, String severity, String label) {
    }

    private ActivityChart() {
    }

    static Optional<String> draw(List<String> laneOrder, List<Event> events, Optional<Instant> split, List<Marker> markers) {
        List<Instant> times = new ArrayList<>(events.stream().map(Event::time).toList());
        markers.forEach(m -> times.add(m.time()));
        if (times.isEmpty()) {
            return Optional.empty();
        }
        long from = times.stream().mapToLong(Instant::getEpochSecond).min().orElseThrow();
        long to = Math.max(from + 60, times.stream().mapToLong(Instant::getEpochSecond).max().orElseThrow() + 1);
        Map<String, Integer> lanes = new LinkedHashMap<>();
        for (String lane : laneOrder) {
            lanes.putIfAbsent(lane, Math.min(lanes.size(), MAX_LANES - 1));
        }
        int laneCount = Math.min(lanes.size(), MAX_LANES) + 1;
        long[][] counts = new long[laneCount * 2][SLOTS];
        long max = 1;
        for (Event e : events) {
            int lane = lanes.getOrDefault(e.lane(), laneCount - 2);
            int slot = slot(e.time(), from, to);
            long c = ++counts[lane * 2 + (e.attacker() ? 1 : 0)][slot];
            max = Math.max(max, c);
        }
        int height = TOP + laneCount * LANE_H + 40;
        int width = LABEL_W + PLOT_W + 20;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"activity\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\"><title>Events per credential over time</title>\n");
        List<String> names = new ArrayList<>(lanes.keySet());
        for (int lane = 0; lane < laneCount; lane++) {
            int y = TOP + lane * LANE_H;
            String name = lane == laneCount - 1 ? "findings"
                    : lane == MAX_LANES - 1 && names.size() > MAX_LANES ? (names.size() - MAX_LANES + 1) + " more credentials"
                    : names.get(lane);
            svg.append("<text x=\"4\" y=\"").append(y + LANE_H / 2 + 4).append("\" font-size=\"11\">")
                    .append(Escape.html(name.length() > 34 ? name.substring(0, 33) + "…" : name)).append("</text>")
                    .append("<line x1=\"").append(LABEL_W).append("\" x2=\"").append(LABEL_W + PLOT_W).append("\" y1=\"")
                    .append(y + LANE_H).append("\" y2=\"").append(y + LANE_H).append("\" stroke=\"#d0d7de\"/>\n");
            if (lane == laneCount - 1) {
                break;
            }
            for (int kind = 0; kind < 2; kind++) {
                for (int slot = 0; slot < SLOTS; slot++) {
                    long c = counts[lane * 2 + kind][slot];
                    if (c == 0) {
                        continue;
                    }
                    int h = (int) Math.max(2, Math.round((LANE_H - 4) * Math.log1p(c) / Math.log1p(max)));
                    int x = LABEL_W + slot * PLOT_W / SLOTS;
                    svg.append("<rect x=\"").append(x + kind * 3).append("\" y=\"").append(y + LANE_H - h)
                            .append("\" width=\"").append(Math.max(2, PLOT_W / SLOTS - 3)).append("\" height=\"").append(h)
                            .append("\" fill=\"").append(kind == 1 ? "#cf222e" : "#8c959f").append("\"><title>")
                            .append(c).append(kind == 1 ? " attacker-period" : " usual").append(" events</title></rect>");
                }
            }
            svg.append('\n');
        }
        int findingsY = TOP + (laneCount - 1) * LANE_H + LANE_H / 2;
        for (Marker m : markers) {
            int x = LABEL_W + (int) ((m.time().getEpochSecond() - from) * PLOT_W / (to - from));
            svg.append("<path d=\"M").append(x).append(' ').append(findingsY - 7).append(" l6 7 l-6 7 l-6 -7 z\" fill=\"")
                    .append(color(m.severity())).append("\" stroke=\"#1b1f24\" stroke-width=\"0.5\"><title>")
                    .append(Escape.html(m.severity() + " " + m.label() + " at " + EventTimes.format(m.time())))
                    .append("</title></path>");
        }
        split.ifPresent(t -> {
            int x = LABEL_W + (int) ((t.getEpochSecond() - from) * PLOT_W / (to - from));
            svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(TOP - 6)
                    .append("\" y2=\"").append(TOP + laneCount * LANE_H).append("\" stroke=\"#cf222e\" stroke-dasharray=\"4 3\">")
                    .append("<title>first call from a new IP: ").append(EventTimes.format(t)).append("</title></line>");
        });
        int axisY = TOP + laneCount * LANE_H + 16;
        for (int i = 0; i <= 4; i++) {
            long t = from + (to - from) * i / 4;
            int x = LABEL_W + PLOT_W * i / 4;
            svg.append("<text x=\"").append(x).append("\" y=\"").append(axisY).append("\" font-size=\"10\" text-anchor=\"")
                    .append(i == 0 ? "start" : i == 4 ? "end" : "middle").append("\">")
                    .append(EventTimes.format(Instant.ofEpochSecond(t))).append("</text>");
        }
        svg.append("<text x=\"").append(LABEL_W).append("\" y=\"").append(axisY + 16).append("\" font-size=\"10\">")
                .append("bar height: log of the events in ").append(Escape.html(slotLength(to - from)))
                .append("; red: attacker period, grey: the key's usual calls; dashed: first call from a new IP</text>");
        return Optional.of(svg.append("</svg>").toString());
    }

    private static int slot(Instant t, long from, long to) {
        return (int) Math.min(SLOTS - 1, (t.getEpochSecond() - from) * SLOTS / (to - from));
    }

    private static String slotLength(long seconds) {
        long slot = Math.max(1, seconds / SLOTS);
        return slot >= 3600 ? slot / 3600 + " h " + slot % 3600 / 60 + " min" : slot >= 60 ? slot / 60 + " min" : slot + " s";
    }

    private static String color(String severity) {
        return switch (severity) {
            case "critical" -> "#8250df";
            case "high" -> "#cf222e";
            case "medium" -> "#bf8700";
            default -> "#57606a";
        };
    }
}
