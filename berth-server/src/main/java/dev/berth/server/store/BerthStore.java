package dev.berth.server.store;

/** Everything the server keeps in its database, behind one object that owns the connection pool. */
public interface BerthStore extends EditableEnrollmentStore, RegistrationStore, SettingsStore, CaCertificateStore, AutoCloseable {

    /** "sqlite" or "postgresql", for logs and info output. */
    String dialect();

    @Override
    void close();
}
