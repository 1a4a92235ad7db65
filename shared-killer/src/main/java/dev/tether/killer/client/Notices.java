package dev.tether.killer.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the supervisor said that is not an answer (reaped leftovers of a crashed build, platform warnings), and
 * who listens. Keeps every notice, so a listener that registers late still hears the sweep's.
 */
final class Notices {
    private final List<String> all = new ArrayList<>();
    /** Notices from this index on reached no listener yet. */
    private int unheard;

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    synchronized void announce(String notice) {
        all.add(notice);
        if (!listeners.isEmpty()) {
            unheard = all.size();
        }
        listeners.forEach(listener -> tell(listener, notice));
    }

    /** Hears every notice from now on and those nobody heard yet; never twice the same. */
    synchronized void listenToNew(Consumer<String> listener) {
        all.subList(unheard, all.size()).forEach(notice -> tell(listener, notice));
        unheard = all.size();
        listeners.add(listener);
    }

    void remove(Consumer<String> listener) {
        listeners.remove(listener);
    }

    synchronized List<String> all() {
        return List.copyOf(all);
    }

    /** A listener that throws must not end the reader: every later event would be lost. */
    static <T> void tell(Consumer<T> listener, T event) {
        try {
            listener.accept(event);
        } catch (LinkageError e) {
            // NoClassDefFoundError once Maven closed the plugin's class realm at the end of a build: nobody is
            // left to hear the event. The reader thread must live on, or every pending request waits out its timeout.
        } catch (RuntimeException e) {
            System.err.println("[tether] a listener failed on " + event + ": " + e);
        }
    }
}
