package dev.berth.protocol.dps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The {@code status} of an operation and of a registration, spelled as DPS spells it. */
public enum RegistrationStatus {
    UNASSIGNED, ASSIGNING, ASSIGNED, FAILED, DISABLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RegistrationStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean isTerminal() {
        return this == ASSIGNED || this == FAILED || this == DISABLED;
    }
}
