package dev.spool.worker.capture;

import java.io.IOException;

/** Where captured bytes go next. */
@FunctionalInterface
interface ByteSink {
    void write(byte[] bytes, int offset, int length) throws IOException;
}
