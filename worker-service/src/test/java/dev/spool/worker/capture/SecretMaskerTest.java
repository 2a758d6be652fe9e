package dev.spool.worker.capture;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {

    private static String mask(String input, List<String> secrets, Random random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SecretMasker masker = new SecretMasker(secrets, out::write);
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        int offset = 0;
        while (offset < bytes.length) {
            int length = Math.min(bytes.length - offset, 1 + random.nextInt(7));
            masker.write(bytes, offset, length);
            offset += length;
        }
        masker.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSecretSplitAcrossManyReadsIsStillMasked() throws IOException {
        Random random = new Random(9);
        for (int run = 0; run < 200; run++) {
            assertThat(mask("pre s3cr3t-value mid s3cr3t-value", List.of("s3cr3t-value"), random))
                    .isEqualTo("pre *** mid ***");
        }
    }

    @Test
    void aSecretThatContainsAnotherIsMaskedWhole() throws IOException {
        assertThat(mask("abcdef and abc", List.of("abc", "abcdef"), new Random(1))).isEqualTo("*** and ***");
    }

    @Test
    void aPrefixOfASecretAtTheVeryEndIsNotLost() throws IOException {
        assertThat(mask("ends with s3cr", List.of("s3cr3t"), new Random(2))).isEqualTo("ends with s3cr");
        assertThat(mask("s3s3cr3t", List.of("s3cr3t"), new Random(3))).isEqualTo("s3***");
    }

    @Test
    void randomTextWithSecretsMatchesPlainReplacement() throws IOException {
        Random random = new Random(4);
        String[] pieces = {"a", "b", "pa", "ss", "pass", "word", "\n", "é"};
        for (int run = 0; run < 300; run++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            assertThat(mask(text.toString(), List.of("password"), random)).isEqualTo(text.toString().replace("password", "***"));
        }
    }
}
