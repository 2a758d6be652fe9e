package dev.spool.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** s3mock, which keeps bucket lifecycle rules (and does not enforce them) and takes any credentials. */
public class S3MockResource extends S3ProcessResource {

    @Override
    protected String jarName() {
        return "s3mock.jar";
    }

    @Override
    protected List<String> arguments(String endpoint, int port, Path dir) {
        // Its HTTPS port is of no use here; 0 puts it out of the way.
        return List.of("--server.port=0", "--com.adobe.testing.s3mock.httpPort=" + port);
    }

    @Override
    protected Map<String, String> environment(Path dir) {
        return Map.of("COM_ADOBE_TESTING_S3MOCK_STORE_ROOT", dir.resolve("data").toString());
    }

    @Override
    protected String accessKey() {
        return "spool";
    }

    @Override
    protected String secretKey() {
        return "any-secret-passes";
    }
}
