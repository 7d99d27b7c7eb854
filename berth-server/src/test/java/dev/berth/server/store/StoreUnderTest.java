package dev.berth.server.store;

/** The store a contract test works on, and a way to stop and start it again on the same database. */
interface StoreUnderTest {

    BerthStore store();

    /** Closes the store and opens the same database again, as a server restart would. */
    BerthStore restart();
}
