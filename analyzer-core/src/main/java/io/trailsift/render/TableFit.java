package io.trailsift.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays a table out on a {@link Screen}: columns of low value to an investigator are dropped first,
 * in {@link #DROP_ORDER}, then the widest columns are narrowed, cut in the middle by
 * {@link #cutMiddle}, where ARNs, paths and user agents differ least (their start is the
 * account-and-service prefix every row shares, their end the name that matters).
 */
final class TableFit {
    /** Between columns. */
    static final int GAP = 2;

    /**
     * A column is not narrowed below this while a column in {@link #DROP_ORDER} can still go: an
     * ARN or a summary cut to fewer characters no longer says whose or what.
     */
    private static final int COMFORTABLE = 30;

    /** What the other wide columns keep when they give room to the last (a rule id is up to 39). */
    private static final int GIVING = 40;

    /** Below this a column would be unreadable: the last columns go instead. */
    private static final int NARROWEST = 8;

    /**
     * Columns no wider than this (times, IPs, key ids, counts, event names) keep their width while
     * the wider ones can be narrowed: half a time or half a key id is no use.
     */
    private static final int SHORT = 20;

    /**
     * Dropped first to last: identifiers a person does not read (they stay in JSON and CSV), then
     * context that repeats on most rows, then times and counts the ranking or order already says;
     * access keys last, as they are what one pivots on next.
     */
    private static final List<String> DROP_ORDER = List.of("event_id", "finding_id", "request_id", "read_only",
            "depth", "via_key", "account_id", "account_ids", "identity_type", "source", "sessions", "distinct_events", "rank",
            "score", "first_seen",
            "records_recovered", "user_agents", "user_agent", "aws_region", "event_source", "findings", "errors",
            "events", "last_seen", "access_key_id");

    /** Which columns are shown (indices into the table's columns), how wide each is, and which were left out. */
    record Layout(int[] shown, int[] width, List<String> hidden) {
    }

    private TableFit() {
    }

    /** Whether every column fits at its natural width. */
    static boolean fits(int[] natural, Screen screen) {
        long total = (long) GAP * (natural.length - 1);
        for (int n : natural) {
            total += n;
        }
        return total <= screen.columns();
    }

    /** {@code natural[i]}: the widest cell of column i, header included. */
    static Layout fit(String[] header, int[] natural, Screen screen) {
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            shown.add(i);
        }
        List<String> hidden = new ArrayList<>();
        if (screen.limited()) {
            for (String name : DROP_ORDER) {
                if (cap(shown, natural, screen.columns()) >= COMFORTABLE || shown.size() == 1) {
                    break;
                }
                int i = indexOf(header, name);
                if (i >= 0 && shown.remove((Integer) i)) {
                    hidden.add(name);
                }
            }
            // Still too many: columns go from the right until the wide ones are readable, but a
            // long last column (a summary, a detail: what a row says) stays and the one before it
            // goes; the first, which says what a row is, stays.
            while (shown.size() > 2 && cap(shown, natural, screen.columns()) < COMFORTABLE) {
                boolean longLast = natural[shown.get(shown.size() - 1)] > SHORT;
                hidden.add(header[shown.remove(shown.size() - (longLast ? 2 : 1))]);
            }
            while (shown.size() > 1 && cap(shown, natural, screen.columns()) < NARROWEST) {
                hidden.add(header[shown.remove(shown.size() - 1)]);
            }
        }
        int cap = screen.limited() ? cap(shown, natural, screen.columns()) : Integer.MAX_VALUE;
        int[] columns = shown.stream().mapToInt(Integer::intValue).toArray();
        int[] width = new int[columns.length];
        for (int k = 0; k < columns.length; k++) {
            width[k] = shownWidth(natural[columns[k]], cap);
        }
        favourTheLast(columns, natural, width, screen);
        return new Layout(columns, width, hidden);
    }

    /**
     * When the last column is a long text that had to be narrowed (a summary, a detail, an
     * error), it is the one people read: the other wide columns give it room down to
     * {@link #GIVING}, an ARN's start being what every row shares anyway.
     */
    private static void favourTheLast(int[] columns, int[] natural, int[] width, Screen screen) {
        int last = columns.length - 1;
        if (last < 1 || width[last] >= natural[columns[last]] || width[last] < COMFORTABLE) {
            return;
        }
        int room = screen.columns() - GAP * last;
        List<Integer> others = new ArrayList<>();
        int floor = 0;
        for (int k = 0; k < last; k++) {
            others.add(columns[k]);
            floor += Math.min(width[k], GIVING);
        }
        int lastWidth = Math.min(natural[columns[last]], room - floor);
        if (lastWidth <= width[last]) {
            return;
        }
        width[last] = lastWidth;
        int cap = cap(others, natural, room - width[last] + GAP * (others.size() - 1));
        for (int k = 0; k < last; k++) {
            width[k] = Math.min(width[k], shownWidth(natural[columns[k]], Math.max(cap, GIVING)));
        }
    }

    /**
     * The largest width the wide columns may keep so that the line fits in {@code columns}
     * (see {@link #shownWidth}). Integer.MAX_VALUE when everything fits.
     */
    private static int cap(List<Integer> shown, int[] natural, int columns) {
        int room = columns - GAP * (shown.size() - 1);
        if (total(shown, natural, Integer.MAX_VALUE) <= room) {
            return Integer.MAX_VALUE;
        }
        int low = 0;
        int high = room;
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (total(shown, natural, mid) <= room) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static long total(List<Integer> shown, int[] natural, int cap) {
        long sum = 0;
        for (int i : shown) {
            sum += shownWidth(natural[i], cap);
        }
        return sum;
    }

    /**
     * A column's width under {@code cap}: a {@link #SHORT} column keeps its own unless even the
     * wide ones are below {@link #NARROWEST}; others are cut to the cap. (Never decreasing in
     * {@code cap}, so the cap can be searched for.)
     */
    private static int shownWidth(int natural, int cap) {
        return natural <= SHORT && cap >= NARROWEST ? natural : Math.min(natural, cap);
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Terminal columns {@code s} takes: one per character, two for East Asian wide and fullwidth
     * characters and emoji, so a name in such characters cannot push a line past the screen.
     */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            w += wide(c) ? 2 : 1;
            i += Character.charCount(c);
        }
        return w;
    }

    private static boolean wide(int c) {
        return c >= 0x1100 && (c <= 0x115f || c >= 0x2e80 && c <= 0xa4cf || c >= 0xac00 && c <= 0xd7a3
                || c >= 0xf900 && c <= 0xfaff || c >= 0xfe30 && c <= 0xfe4f || c >= 0xff00 && c <= 0xff60
                || c >= 0xffe0 && c <= 0xffe6 || c >= 0x1f300 && c <= 0x1faff || c >= 0x20000 && c <= 0x3fffd);
    }

    /** {@code s} in at most {@code max} terminal columns: its start and end kept, an ellipsis between. */
    static String cutMiddle(String s, int max) {
        if (width(s) <= max) {
            return s;
        }
        // A third for the start, the rest for the end: names, file names and API names are at the end.
        String head = prefix(s, (max - 1) / 3);
        String tail = suffix(s, max - 1 - width(head));
        return head + "…" + tail;
    }

    /** {@code s} in at most {@code max} columns, cut at the end: for headers, whose start says what they are. */
    static String cutEnd(String s, int max) {
        return width(s) <= max ? s : prefix(s, max - 1) + "…";
    }

    private static String prefix(String s, int max) {
        int w = 0;
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            int cw = wide(c) ? 2 : 1;
            if (w + cw > max) {
                break;
            }
            w += cw;
            i += Character.charCount(c);
        }
        return s.substring(0, i);
    }

    private static String suffix(String s, int max) {
        int w = 0;
        int i = s.length();
        while (i > 0) {
            int c = s.codePointBefore(i);
            int cw = wide(c) ? 2 : 1;
            if (w + cw > max) {
                break;
            }
            w += cw;
            i -= Character.charCount(c);
        }
        return s.substring(i);
    }
}
