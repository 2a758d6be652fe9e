package dev.spool.support.secrets;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretSealTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("another key of thirty-two bytes!".getBytes());

    @Test
    void aSealedValueHoldsNoTraceOfTheValueAndOpensWithTheSameKey() throws Exception {
        SecretSeal seal = new SecretSeal(Optional.of(KEY));

        String sealed = seal.seal("hunter2-database-password");

        assertThat(sealed).startsWith("sealed:v1:").doesNotContain("hunter2");
        assertThat(SecretSeal.isSealed(sealed)).isTrue();
        assertThat(seal.open(sealed)).isEqualTo("hunter2-database-password");
        assertThat(seal.seal("hunter2-database-password")).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void aWorkerWithAnotherKeySaysWhichKeysDiffer() {
        String sealed = new SecretSeal(Optional.of(KEY)).seal("value");

        assertThatThrownBy(() -> new SecretSeal(Optional.of(OTHER_KEY)).open(sealed))
                .isInstanceOf(SecretSeal.CannotOpen.class)
                .hasMessageContaining("sealed with key")
                .hasMessageContaining("the same spool.secrets.key")
                .hasMessageNotContaining("value");
    }

    @Test
    void aServiceWithoutAKeyCanNeitherSealNorOpen() {
        SecretSeal none = new SecretSeal(Optional.empty());
        String sealed = new SecretSeal(Optional.of(KEY)).seal("value");

        assertThat(none.available()).isFalse();
        assertThatThrownBy(() -> none.open(sealed)).hasMessageContaining("has no key").hasMessageContaining("SPOOL_SECRETS_KEY");
    }

    @Test
    void anAlteredValueIsRefusedNotOpenedWrong() {
        SecretSeal seal = new SecretSeal(Optional.of(KEY));
        String sealed = seal.seal("value");
        char last = sealed.charAt(sealed.length() - 3);
        String altered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);

        assertThatThrownBy(() -> seal.open(altered)).hasMessageContaining("altered");
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64IsRefusedAtStartSayingHowToMakeOne() {
        assertThatThrownBy(() -> new SecretSeal(Optional.of("short"))).hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> new SecretSeal(Optional.of("not base64 at all!"))).hasMessageContaining("not base64");
    }
}
