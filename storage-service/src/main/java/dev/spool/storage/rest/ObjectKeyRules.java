package dev.spool.storage.rest;

import dev.spool.support.Texts;
import dev.spool.support.rest.InvalidRequestException;
import dev.spool.support.rest.RequestParams;

import java.util.regex.Pattern;

/** Keys are relative paths of safe characters, so none can escape its prefix or confuse the bucket. */
final class ObjectKeyRules {

    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)*");

    private ObjectKeyRules() {
    }

    static void check(String key) {
        if (key.length() > 1024 || !SAFE_KEY.matcher(key).matches() || key.contains("..")) {
            throw new InvalidRequestException("key", "invalid object key " + Texts.quote(key) + ": use segments of letters, digits, '_', '-' and '.', "
                    + "separated by '/', with no '..' and at most 1024 characters");
        }
    }
}
