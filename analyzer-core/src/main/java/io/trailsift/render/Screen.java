package io.trailsift.render;

/**
 * Where a table is shown: how many columns a line may use, and whether severities may be coloured.
 * A terminal has both; a file or a pipe, or {@code --wide}, has neither limit nor colour.
 */
public record Screen(int columns, boolean colour) {
    /** No width limit and no colour: files, pipes, {@code --wide}. */
    public static final Screen UNLIMITED = new Screen(Integer.MAX_VALUE, false);

    /** The narrowest screen tables are laid out for; below it they would be columns of ellipses. */
    public static final int MIN_COLUMNS = 40;

    public Screen {
        if (columns < MIN_COLUMNS) {
            columns = MIN_COLUMNS;
        }
    }

    public boolean limited() {
        return columns != Integer.MAX_VALUE;
    }
}
