package dev.tether.killer.config;

import dev.tether.killer.InvalidSpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A fixture's environment file, the {@code .env} format docker compose and most tools read: {@code KEY=VALUE}
 * lines, {@code #} comments and blank lines, an optional {@code export } prefix, values optionally in single
 * quotes (taken literally) or double quotes (with {@code \"}, {@code \\} and {@code \n}); an unquoted value ends
 * at {@code " #"}. Variables given one by one in the configuration win over the file. Any mistake is an error
 * before anything starts, naming the file, the line and the fix.
 */
public final class EnvironmentFile {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvironmentFile() {}

    /**
     * The file's variables, then {@code entries} over them.
     *
     * @param file the file, or null for none
     * @param where the setting in the user's words, e.g. {@code <process> 'web' <environmentFile>}
     */
    public static Map<String, String> merge(Path file, Map<String, String> entries, String where) {
        Map<String, String> merged = file == null ? new LinkedHashMap<>() : read(file, where);
        merged.putAll(entries);
        return merged;
    }

    public static Map<String, String> read(Path file, String where) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw InvalidSpecException.located(ConfigMessages.noEnvironmentFile(where, file.toAbsolutePath()));
        } catch (IOException e) {
            throw InvalidSpecException.located(
                    ConfigMessages.unreadableEnvironmentFile(where, file.toAbsolutePath(), String.valueOf(e)));
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = ConfigMessages.environmentLine(where, file.toAbsolutePath(), i + 1, line);
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw InvalidSpecException.located(ConfigMessages.notKeyValue(at));
            }
            String key = line.substring(0, equals).strip();
            if (!KEY.matcher(key).matches()) {
                throw InvalidSpecException.located(ConfigMessages.notAVariableName(at, key));
            }
            variables.put(key, value(line.substring(equals + 1).strip(), at));
        }
        return variables;
    }

    private static String value(String text, String at) {
        if (text.startsWith("'")) {
            if (text.length() < 2 || !text.endsWith("'")) {
                throw InvalidSpecException.located(ConfigMessages.unclosedSingleQuote(at));
            }
            return text.substring(1, text.length() - 1);
        }
        if (text.startsWith("\"")) {
            StringBuilder value = new StringBuilder();
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    if (i != text.length() - 1) {
                        throw InvalidSpecException.located(ConfigMessages.textAfterDoubleQuote(at));
                    }
                    return value.toString();
                }
                if (c == '\\' && i + 1 < text.length()) {
                    char next = text.charAt(++i);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            throw InvalidSpecException.located(ConfigMessages.unclosedDoubleQuote(at));
        }
        int comment = text.indexOf(" #");
        return (comment < 0 ? text : text.substring(0, comment)).strip();
    }
}
