package org.lazuli.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A cluster's events, pushed to subscribers on the thread where they happen. With no subscriber,
 * publishing costs one volatile read. Subscribers must be quick and must not throw (a throwing
 * subscriber is ignored, never fails the work).
 */
public final class EventStream {
    private final List<Consumer<SchedulerEvent>> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean active;

    /** A stream with no subscriber yet; for cluster implementations. */
    public EventStream() {
    }

    /** Subscribes; close the handle to stop. */
    public AutoCloseable subscribe(Consumer<SchedulerEvent> subscriber) {
        subscribers.add(subscriber);
        active = true;
        return () -> {
            subscribers.remove(subscriber);
            active = !subscribers.isEmpty();
        };
    }

    public boolean isActive() {
        return active;
    }

    /** Hands an event to every subscriber; for cluster implementations. */
    public void publish(SchedulerEvent event) {
        for (Consumer<SchedulerEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (Throwable ignored) {
                // a subscriber's failure (an Error too) must never fail or stall the computation it watches
            }
        }
    }
}
