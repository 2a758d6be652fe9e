package dev.spool.cli.config;

import dev.spool.cli.CliException;
import dev.spool.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetResolverTest {

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    private Target resolve(String gateway, String token, String context) {
        return new TargetResolver(env, home.resolve("work"), null, home.toString()).resolve(gateway, token, context);
    }

    private void config(String yaml) throws IOException {
        Files.createDirectories(home.resolve(".config/spool"));
        Files.writeString(home.resolve(".config/spool/config.yaml"), yaml);
    }

    @Test
    void withNothingSetItTalksToTheLocalStackWithItsAdminToken() throws IOException {
        Files.createDirectories(home.resolve("work/.spool"));
        Files.writeString(home.resolve("work/.spool/admin-token"), "spool_local\n");

        Target target = resolve(null, null, null);

        assertThat(target.gateway()).isEqualTo("http://localhost:8080");
        assertThat(target.token()).isEqualTo("spool_local");
        assertThat(target.tokenSource()).endsWith(".spool/admin-token");
    }

    @Test
    void theLocalStacksPortComesFromItsEnvironment() {
        env.put("SPOOL_GATEWAY_PORT", "18080");

        assertThat(resolve(null, null, null).gateway()).isEqualTo("http://localhost:18080");
    }

    @Test
    void theOptionBeatsTheEnvironmentWhichBeatsTheContext() throws IOException {
        config("current_context: prod\ncontexts:\n  prod: {gateway: 'https://spool.example.com', token: from-context}\n");
        assertThat(resolve(null, null, null).gateway()).isEqualTo("https://spool.example.com");
        assertThat(resolve(null, null, null).token()).isEqualTo("from-context");

        env.put("SPOOL_GATEWAY", "https://env.example.com/");
        env.put("SPOOL_TOKEN", "from-env");
        assertThat(resolve(null, null, null).gateway()).isEqualTo("https://env.example.com");
        assertThat(resolve(null, null, null).token()).isEqualTo("from-env");

        Target target = resolve("http://option.example.com", "from-option", null);
        assertThat(target.gateway()).isEqualTo("http://option.example.com");
        assertThat(target.token()).isEqualTo("from-option");
        assertThat(target.gatewaySource()).isEqualTo("--gateway");
    }

    @Test
    void aContextMayKeepItsTokenInAFile() throws IOException {
        Files.writeString(home.resolve("prod-token"), "spool_prod\n");
        config("contexts:\n  prod: {gateway: 'https://spool.example.com', token_file: '~/prod-token'}\n");

        Target target = resolve(null, null, "prod");

        assertThat(target.token()).isEqualTo("spool_prod");
    }

    @Test
    void theLocalAdminTokenIsNeverSentToAnotherHost() throws IOException {
        Files.createDirectories(home.resolve("work/.spool"));
        Files.writeString(home.resolve("work/.spool/admin-token"), "spool_local");

        Target target = resolve("https://spool.example.com", null, null);

        assertThat(target.hasToken()).isFalse();
    }

    @Test
    void anUnknownContextNamesTheOnesThereAre() throws IOException {
        config("contexts:\n  prod: {gateway: 'https://spool.example.com'}\n");

        assertThatThrownBy(() -> resolve(null, null, "staging"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("no context staging").hasMessageContaining("[prod]").hasMessageContaining("spool config set-context")
                .extracting(e -> ((CliException) e).exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    }

    @Test
    void aGatewayThatIsNotAUrlIsRefusedSayingWhereItCameFrom() {
        env.put("SPOOL_GATEWAY", "localhost:8080");

        assertThatThrownBy(() -> resolve(null, null, null)).hasMessageContaining("localhost:8080").hasMessageContaining("SPOOL_GATEWAY")
                .hasMessageContaining("http://");
    }

    @Test
    void aBrokenConfigFileIsReportedWithItsLine() throws IOException {
        config("contexts:\n  prod: {gateway: [unclosed\n");

        assertThatThrownBy(() -> resolve(null, null, null)).hasMessageContaining("config.yaml:").hasMessageContaining("not valid YAML");
    }

    @Test
    void aMisspeltSettingOfAContextIsNamed() throws IOException {
        config("contexts:\n  prod: {gatway: 'https://spool.example.com'}\n");

        assertThatThrownBy(() -> resolve(null, null, null)).hasMessageContaining("contexts.prod.gatway is not a setting");
    }

    @Test
    void contextsWrittenAreReadBackAndTheFileIsTheOwnersOnly() throws IOException {
        Path file = home.resolve(".config/spool/config.yaml");
        ConfigFile.read(file).withContext(new Context("prod", "https://spool.example.com", "t0k", null))
                .withContext(new Context("dev", "http://localhost:8080", null, null)).usingContext("dev").write();

        ConfigFile read = ConfigFile.read(file);

        assertThat(read.currentContext()).contains("dev");
        assertThat(read.contexts().get("prod").token()).isEqualTo("t0k");
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
    }
}
