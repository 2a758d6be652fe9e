package dev.spool.cli.command;

import picocli.CommandLine;

import java.lang.reflect.Constructor;

/**
 * Builds the commands with their {@link Session} through their constructors, and hands every command the one
 * {@link GlobalOptions} that the session reads.
 */
public final class CommandFactory implements CommandLine.IFactory {

    private final Session session;

    public CommandFactory(Session session) {
        this.session = session;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K> K create(Class<K> type) throws Exception {
        if (type == GlobalOptions.class) {
            return (K) session.options();
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Session.class) {
                constructor.setAccessible(true);
                return (K) constructor.newInstance(session);
            }
        }
        return CommandLine.defaultFactory().create(type);
    }
}
