package dev.spool.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** S3Proxy over a folder, as the local stack runs it: it checks signatures, and has no lifecycle rules. */
public class S3ServerResource extends S3ProcessResource {

    static final String ACCESS_KEY = "spool";
    static final String SECRET_KEY = "spool-test-secret";

    @Override
    protected String jarName() {
        return "s3proxy.jar";
    }

    @Override
    protected List<String> arguments(String endpoint, int port, Path dir) throws IOException {
        Files.writeString(dir.resolve("s3proxy.conf"), String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + dir.resolve("data"),
                ""));
        return List.of("--properties", dir.resolve("s3proxy.conf").toString());
    }

    @Override
    protected String accessKey() {
        return ACCESS_KEY;
    }

    @Override
    protected String secretKey() {
        return SECRET_KEY;
    }
}
