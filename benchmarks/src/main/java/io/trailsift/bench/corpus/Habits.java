package io.trailsift.bench.corpus;

import io.trailsift.testkit.Ids;

import java.util.List;

/**
 * The fixed set of calls a principal makes, each with how often relative to the others: what a
 * rule learning "normal for this principal" sees day after day.
 */
final class Habits {
    /** One call made again and again. */
    record Habit(double weight, DataCalls.Call call) {
    }

    private final List<Habit> habits;
    private final double[] cumulative;

    Habits(List<Habit> habits) {
        this.habits = List.copyOf(habits);
        this.cumulative = new double[habits.size()];
        double sum = 0;
        for (int i = 0; i < habits.size(); i++) {
            sum += habits.get(i).weight();
            cumulative[i] = sum;
        }
    }

    static Habits of(Object... weightsAndCalls) {
        List<Habit> list = new java.util.ArrayList<>();
        for (int i = 0; i < weightsAndCalls.length; i += 2) {
            list.add(new Habit(((Number) weightsAndCalls[i]).doubleValue(), (DataCalls.Call) weightsAndCalls[i + 1]));
        }
        return new Habits(list);
    }

    DataCalls.Call pick(Ids ids) {
        double r = ids.random().nextDouble() * cumulative[cumulative.length - 1];
        int i = 0;
        while (cumulative[i] < r) {
            i++;
        }
        return habits.get(i).call();
    }
}
