package dev.spool.stack;

import java.nio.file.Path;

/** {@code deploy/local/stack up|down|status|start NAME|stop NAME}: the local stack from the command line ({@code demo} is the script's). */
public final class StackMain {

    private StackMain() {
    }

    private static String component(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("name the component, as status lists them (or scheduler-service-2, the standby replica)");
        }
        return args[1];
    }

    private static final String WITH_PROMETHEUS = "--with-prometheus";

    private static boolean withPrometheus(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(WITH_PROMETHEUS)) {
                return true;
            }
            if (args[i].startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; up and demo take " + WITH_PROMETHEUS);
            }
        }
        return false;
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        Path home = Path.of(System.getProperty("spool.home", ".")).toAbsolutePath().normalize();
        try {
            StackConfig config = StackConfig.local(home, System.getenv());
            LocalStack stack = new LocalStack(config, System.out);
            switch (command) {
                case "up" -> {
                    stack.up(withPrometheus(args));
                    System.out.println();
                    System.out.println("Spool is up. Gateway: " + config.url(config.gatewayPort()) + "  logs: " + config.logs());
                }
                case "down" -> {
                    stack.down();
                    System.out.println("Spool is down.");
                }
                case "status" -> stack.status().forEach(System.out::println);
                // One component, such as the standby replica scheduler-service-2, which up does not start.
                case "start" -> stack.start(component(args));
                case "stop" -> stack.stop(component(args));
                default -> {
                    System.err.println("usage: deploy/local/stack up [--with-prometheus]|down|status|demo [workflow.yaml] [--with-prometheus]|start NAME|stop NAME\n       (demo is up, then bin/spool submit WORKFLOW --follow)");
                    System.exit(command.equals("help") ? 0 : 2);
                }
            }
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
