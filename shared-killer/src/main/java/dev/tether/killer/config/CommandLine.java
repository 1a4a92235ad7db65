package dev.tether.killer.config;

import dev.tether.killer.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one command string into argv the way a POSIX shell would split words (single and double quotes,
 * backslash escapes), without running a shell: no globbing, no variables, no pipes.
 */
public final class CommandLine {
    private CommandLine() {}

    public static List<String> split(String fixture, String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw InvalidSpecException.located(
                    ConfigMessages.unclosedQuote("Fixture '" + fixture + "'", String.valueOf(quote), command));
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
