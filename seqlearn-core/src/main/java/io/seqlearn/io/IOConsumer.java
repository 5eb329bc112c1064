package io.seqlearn.io;

import java.io.IOException;

/** A consumer that may throw {@link IOException}, e.g. the body that fills a file in {@link AtomicFiles#write}. */
@FunctionalInterface
public interface IOConsumer<T> {
    void accept(T value) throws IOException;
}
