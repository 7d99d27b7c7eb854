package dev.berth.server.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The store on a SQL database. Open it with {@link SqliteBerthStore#open} or {@link PostgresBerthStore#open};
 * the schema is migrated on open.
 */
public final class JdbcBerthStore implements BerthStore {
    private final HikariDataSource dataSource;
    private final SqlDialect dialect;
    private final int migrationsApplied;
    private final JdbcDocuments<IndividualEnrollment> enrollments;
    private final JdbcDocuments<EnrollmentGroup> groups;
    private final JdbcOperations operations;
    private final JdbcRegistrations registrations;
    private final JdbcSettings settings;
    private final JdbcCertificateIndex certificates;
    private final JdbcCaCertificates caCertificates;

    JdbcBerthStore(HikariDataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        try {
            this.migrationsApplied = Migrations.apply(dataSource, dialect);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        Jdbc jdbc = new Jdbc(dataSource, dialect);
        this.certificates = new JdbcCertificateIndex(jdbc);
        this.caCertificates = new JdbcCaCertificates(jdbc);
        this.enrollments = new JdbcDocuments<>(jdbc, DocumentKind.ENROLLMENTS, certificates);
        this.groups = new JdbcDocuments<>(jdbc, DocumentKind.GROUPS, certificates);
        this.operations = new JdbcOperations(jdbc);
        this.registrations = new JdbcRegistrations(jdbc, operations);
        this.settings = new JdbcSettings(jdbc);
    }

    /** The connection pool, for components that keep their own tables in the same database (the embedded hub). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** How times and row locks work on this database, for components that share it. */
    public SqlDialect sqlDialect() {
        return dialect;
    }

    /** How many schema migrations opening this store applied; 0 when the database was already current. */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    @Override
    public String dialect() {
        return dialect.name();
    }

    @Override
    public Optional<IndividualEnrollment> findEnrollment(String registrationId) {
        return enrollments.find(registrationId);
    }

    @Override
    public Optional<EnrollmentGroup> findGroup(String enrollmentGroupId) {
        return groups.find(enrollmentGroupId);
    }

    @Override
    public List<EnrollmentGroup> symmetricKeyGroups() {
        return groups.withAttestation(AttestationMechanism.SYMMETRIC_KEY);
    }

    @Override
    public List<EnrollmentGroup> x509Groups() {
        return groups.withAttestation(AttestationMechanism.X509);
    }

    @Override
    public Optional<EnrollmentGroup> findGroupBySigningCertificate(String sha256Thumbprint) {
        return certificates.findGroupBySigningCertificate(sha256Thumbprint);
    }

    @Override
    public List<EnrollmentGroup> findGroupsByCaReference(String caName) {
        return certificates.findGroupsByCaReference(caName);
    }

    @Override
    public Optional<CertificateOwner> findCertificateOwner(String sha256Thumbprint) {
        return certificates.findOwner(sha256Thumbprint);
    }

    @Override
    public Optional<CaCertificateRecord> findCaCertificate(String name) {
        return caCertificates.find(name);
    }

    @Override
    public Optional<CaCertificateRecord> findCaCertificateByThumbprint(String sha256Thumbprint) {
        return caCertificates.findByThumbprint(sha256Thumbprint);
    }

    @Override
    public CaCertificateRecord putCaCertificate(CaCertificateRecord record, String ifMatch) {
        return caCertificates.put(record, ifMatch);
    }

    @Override
    public Page<CaCertificateRecord> listCaCertificates(int maxItems, String continuation) {
        return caCertificates.list(maxItems, continuation);
    }

    @Override
    public boolean deleteCaCertificate(String name, String ifMatch) {
        return caCertificates.delete(name, ifMatch);
    }

    @Override
    public IndividualEnrollment putEnrollment(IndividualEnrollment enrollment, String ifMatch) {
        return enrollments.put(enrollment, ifMatch);
    }

    @Override
    public boolean deleteEnrollment(String registrationId, String ifMatch) {
        return enrollments.delete(registrationId, ifMatch);
    }

    @Override
    public Page<IndividualEnrollment> listEnrollments(int maxItems, String continuation) {
        return enrollments.list(maxItems, continuation);
    }

    @Override
    public EnrollmentGroup putGroup(EnrollmentGroup group, String ifMatch) {
        return groups.put(group, ifMatch);
    }

    @Override
    public boolean deleteGroup(String enrollmentGroupId, String ifMatch) {
        return groups.delete(enrollmentGroupId, ifMatch);
    }

    @Override
    public Page<EnrollmentGroup> listGroups(int maxItems, String continuation) {
        return groups.list(maxItems, continuation);
    }

    @Override
    public Optional<RegistrationRecord> findRegistration(String registrationId) {
        return registrations.find(registrationId);
    }

    @Override
    public Map<String, RegistrationRecord> findRegistrations(Collection<String> registrationIds) {
        return registrations.findAll(registrationIds);
    }

    @Override
    public RegistrationRecord completeOperation(RegistrationRecord record, Operation completed) {
        return registrations.complete(record, completed);
    }

    @Override
    public boolean deleteRegistration(String registrationId, String ifMatch) {
        return registrations.delete(registrationId, ifMatch);
    }

    @Override
    public Page<RegistrationRecord> listRegistrationsOfGroup(String enrollmentGroupId, int maxItems, String continuation) {
        return registrations.listOfGroup(enrollmentGroupId, maxItems, continuation);
    }

    @Override
    public void createOperation(Operation operation) {
        operations.create(operation);
    }

    @Override
    public Optional<Operation> findOperation(String operationId) {
        return operations.find(operationId);
    }

    @Override
    public int purgeOperations(Instant cutoff) {
        return operations.purge(cutoff);
    }

    @Override
    public Optional<String> setting(String key) {
        return settings.get(key);
    }

    @Override
    public String settingIfAbsent(String key, String value) {
        return settings.putIfAbsent(key, value);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
