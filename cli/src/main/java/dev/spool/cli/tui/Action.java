package dev.spool.cli.tui;

/** What a key asks the UI to do. */
sealed interface Action {

    Action STAY = new Stay(null);
    Action BACK = new Back();
    Action QUIT = new Quit();
    Action PROMPT = new Prompt();

    /** @param message a line for the status bar, or null */
    record Stay(String message) implements Action {
    }

    record Back() implements Action {
    }

    record Quit() implements Action {
    }

    /** Ask for a search term on the bottom line; the view gets it in {@link View#search(String)}. */
    record Prompt() implements Action {
    }

    record Open(View view) implements Action {
    }

    static Action say(String message) {
        return new Stay(message);
    }
}
