package dev.tether.killer.config;

/**
 * The words messages use for a fixture, so each adapter speaks the user's language: the Maven plugin says
 * {@code <process> 'web'} (what the POM declares), the JUnit extension {@code @ManagedProcess 'web'}, the engine
 * API {@code Fixture 'web'}.
 *
 * @param noun how one fixture is called, as at the start of a sentence
 * @param plural how several are called, in the middle of a sentence
 */
public record Wording(String noun, String plural) {
    public static final Wording ENGINE = new Wording("Fixture", "fixtures");

    /** At the start of a sentence: "Fixture 'web'", "{@code <process>} 'web'". */
    public String named(String id) {
        return noun + " '" + id + "'";
    }

    /** In the middle of a sentence: "fixture 'web'", "{@code <process>} 'web'". */
    public String of(String id) {
        boolean word = Character.isUpperCase(noun.charAt(0)) && noun.chars().allMatch(Character::isLetter);
        return (word ? Character.toLowerCase(noun.charAt(0)) + noun.substring(1) : noun) + " '" + id + "'";
    }
}
