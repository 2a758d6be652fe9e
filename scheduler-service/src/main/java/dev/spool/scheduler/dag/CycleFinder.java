package dev.spool.scheduler.dag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a dependency cycle and gives its path, for example {@code [a, b, c, a]}. */
public final class CycleFinder {

    private enum Mark { VISITING, DONE }

    private final Map<String, List<String>> dependencies;
    private final Map<String, Mark> marks = new HashMap<>();

    /** @param dependencies each task's dependencies, every one of them a key of the map */
    public CycleFinder(Map<String, List<String>> dependencies) {
        this.dependencies = dependencies;
    }

    public Optional<List<String>> findCycle() {
        for (String task : dependencies.keySet()) {
            if (!marks.containsKey(task)) {
                List<String> cycle = visit(task, new ArrayList<>());
                if (cycle != null) {
                    return Optional.of(cycle);
                }
            }
        }
        return Optional.empty();
    }

    // Iterative over the call stack's depth would matter at 10,000-deep chains; the explicit stack keeps it safe.
    private List<String> visit(String start, List<String> path) {
        record Frame(String task, int next) {
        }
        List<Frame> stack = new ArrayList<>();
        stack.add(new Frame(start, 0));
        marks.put(start, Mark.VISITING);
        path.add(start);
        while (!stack.isEmpty()) {
            Frame frame = stack.getLast();
            List<String> edges = dependencies.getOrDefault(frame.task(), List.of());
            if (frame.next() >= edges.size()) {
                marks.put(frame.task(), Mark.DONE);
                stack.removeLast();
                path.removeLast();
                continue;
            }
            stack.set(stack.size() - 1, new Frame(frame.task(), frame.next() + 1));
            String dependency = edges.get(frame.next());
            Mark mark = marks.get(dependency);
            if (mark == Mark.VISITING) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dependency), path.size()));
                cycle.add(dependency);
                return cycle;
            }
            if (mark == null) {
                marks.put(dependency, Mark.VISITING);
                path.add(dependency);
                stack.add(new Frame(dependency, 0));
            }
        }
        return null;
    }
}
