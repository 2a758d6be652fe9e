package dev.spool.state.service;

/** The output asked for was pruned: it answers 410, saying by which strategy and when. */
public class OutputPrunedException extends RuntimeException {

    public OutputPrunedException(String message) {
        super(message);
    }
}
