package dev.spool.storage.service;

/** An upload whose bytes are not those its writer declared: it was damaged on the way, and was not kept. */
public class ChecksumMismatchException extends RuntimeException {

    public ChecksumMismatchException(String key, String declared, String received) {
        super("the upload of " + key + " is not what its writer sent: X-Spool-Object-Sha256 says " + declared + ", the bytes that arrived "
                + "hash to " + received + "; nothing was kept, send it again");
    }
}
