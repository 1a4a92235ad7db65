package dev.tether.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** ports.properties is written without Properties.store, so it must read back through Properties.load exactly. */
class StateFileTest {
    @Test
    void everyPortNameReadsBackThroughPropertiesLoadEvenWithCharactersTheFormatEscapes() throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("web", 41234);
        ports.put("a b", 1);
        ports.put("x=y:z#!\\", 2);
        ports.put("tab\there\nnewline", 3);
        ports.put("ünï-日本", 65535);
        String text = StateFile.portsProperties(ports);

        Properties fromBytes = new Properties();
        fromBytes.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
        Properties fromText = new Properties();
        fromText.load(new StringReader(text));

        Map<String, String> expected = new LinkedHashMap<>();
        ports.forEach((name, port) -> expected.put("tether.port." + name, Integer.toString(port)));
        assertEquals(expected, Map.copyOf(asMap(fromBytes)));
        assertEquals(expected, Map.copyOf(asMap(fromText)));
        assertEquals(text, new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1));
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
