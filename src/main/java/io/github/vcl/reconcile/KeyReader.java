package io.github.vcl.reconcile;

import io.github.vcl.store.Page;
import io.github.vcl.store.PendingOrder;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One key of the reconciliation index during a run: hands out its due orders in index order, reading the next page
 * while the current one is worked on, and knows where the next run should resume on this key — right after the last
 * order before which every order it handed out is done — or that it is read out. Used by one thread only (the run's).
 */
final class KeyReader {
    private final String key;
    private final Function<String, Page<PendingOrder>> pageAfter;
    private final Executor queries;
    private final Deque<PendingOrder> buffered = new ArrayDeque<>();
    private final Deque<Started> started = new ArrayDeque<>();
    private CompletableFuture<Page<PendingOrder>> nextPage;
    private String doneUpTo;

    /** A handed-out order, done once its reconciliation returned. */
    static final class Started {
        private final KeyReader reader;
        private final String position;
        private boolean done;

        private Started(KeyReader reader, String position) {
            this.reader = reader;
            this.position = position;
        }

        void done() {
            done = true;
            reader.advance();
        }
    }

    /**
     * @param cursor    where the last run stopped on this key (null: its beginning)
     * @param readOut   whether the key was read to its end earlier in this pass: it hands out nothing more
     * @param pageAfter reads the page after a cursor (null: the first page)
     */
    KeyReader(String key, String cursor, boolean readOut, Function<String, Page<PendingOrder>> pageAfter,
              Executor queries) {
        this.key = key;
        this.pageAfter = pageAfter;
        this.queries = queries;
        this.doneUpTo = cursor;
        this.nextPage = readOut ? null : read(cursor);
    }

    String key() {
        return key;
    }

    /** The next due order of this key, or empty when it has no more; waits for a page being read. */
    Optional<PendingOrder> next() {
        while (buffered.isEmpty() && nextPage != null) {
            Page<PendingOrder> page;
            try {
                page = nextPage.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            buffered.addAll(page.items());
            nextPage = page.cursor() == null ? null : read(page.cursor());
        }
        return Optional.ofNullable(buffered.poll());
    }

    /** Records that {@code order}, the last one {@link #next} gave, is being reconciled. */
    Started start(PendingOrder order) {
        Started handedOut = new Started(this, order.position());
        started.add(handedOut);
        return handedOut;
    }

    /** Whether the key was read to its end and every order it handed out is done. */
    boolean readOut() {
        return nextPage == null && buffered.isEmpty() && started.isEmpty();
    }

    /** Unless read out, where the next run resumes: after the last order before which all are done. */
    Optional<String> resumeAt() {
        return Optional.ofNullable(doneUpTo);
    }

    private void advance() {
        while (!started.isEmpty() && started.peek().done) {
            doneUpTo = started.poll().position;
        }
    }

    private CompletableFuture<Page<PendingOrder>> read(String cursor) {
        return CompletableFuture.supplyAsync(() -> pageAfter.apply(cursor), queries);
    }
}
