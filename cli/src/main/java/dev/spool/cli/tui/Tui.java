package dev.spool.cli.tui;

import dev.spool.cli.client.Gateway;

import java.nio.file.Path;

/**
 * What the views share: the gateway, where exports go, and a way to ask for a refresh now rather than at the next
 * tick (after a filter changed).
 */
record Tui(Gateway gateway, Path exportDir, Runnable refreshNow) {
}
