package dev.spool.storage.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An upload's body, which marks a failure to read it so that it is told apart from a failure of the bucket. */
final class ClientBody extends FilterInputStream {

    /** Carries the writer's failure through the S3 client, which wraps what it reads. */
    static final class ReadFailure extends IOException {
        ReadFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    ClientBody(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw new ReadFailure(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw new ReadFailure(e);
        }
    }

    static ReadFailure causeIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReadFailure readFailure) {
                return readFailure;
            }
        }
        return null;
    }
}
