package dev.vigil.store;

import dev.vigil.engine.ExecutionRecord;
import java.time.Instant;

/** What the contract's test interfaces need from the test class: the store under test and a look at its tables. */
interface StoreFixture {

    /** The store of this test ("node-a"), on an empty database. */
    JdbcJobStore store();

    /** Another store on the same database: a second node, or this process after a restart. */
    JdbcJobStore openAnother();

    /** Another store on the same database with a smaller maximum value size. */
    JdbcJobStore openWithLimit(long maxValueBytes);

    /** A number the database computes, read past the store (e.g. {@code SELECT COUNT(*) FROM blobs}). */
    long count(String sql);

    default long rows(String table) {
        return count("SELECT COUNT(*) FROM " + table);
    }

    /** A pending execution created through the store, due at its creation. */
    default ExecutionRecord created(String workflowId, Instant createdAt) {
        return store().create(Fixtures.pending(workflowId, createdAt), Fixtures.SOURCE, createdAt, null);
    }
}
