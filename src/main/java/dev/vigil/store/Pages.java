package dev.vigil.store;

/** The paging rules shared by every history query: 1-based pages of 1 to {@value #MAX_SIZE} rows. */
final class Pages {

    static final int MAX_SIZE = 100;

    private Pages() {
    }

    static void check(int page, int size) {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more (pages are numbered from 1), not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_SIZE + ", not " + size);
        }
    }

    /** The OFFSET of a page; a long, so page 30,000,000 of 100 does not overflow into a negative offset. */
    static long offset(int page, int size) {
        return (long) (page - 1) * size;
    }
}
