package dev.spool.contracts;

/** The headers of an upload to the storage-service, and of its answers: one name for writer and server. */
public final class StorageHeaders {

    /** The SHA-256 of the original bytes, as the writer computed it while capturing; sent back on reads. */
    public static final String SHA256 = "X-Spool-Sha256";
    /** The SHA-256 of the bytes uploaded (the gzip file): the storage-service refuses an upload that differs. */
    public static final String OBJECT_SHA256 = "X-Spool-Object-Sha256";
    /** How many bytes of the original the object holds. */
    public static final String ORIGINAL_BYTES = "X-Spool-Original-Bytes";
    /** How many newlines they hold. */
    public static final String LINES = "X-Spool-Lines";

    private StorageHeaders() {
    }
}
