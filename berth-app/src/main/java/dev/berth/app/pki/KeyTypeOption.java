package dev.berth.app.pki;

import dev.berth.server.pki.KeyAlgorithm;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --key-type ec-p256|ec-p384|rsa-2048|rsa-3072}, spelled as users type it rather than as enum constants. */
final class KeyTypeOption {

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec-p256", converter = Converter.class,
            completionCandidates = Names.class, description = "Key type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    KeyAlgorithm keyType;

    static String nameOf(KeyAlgorithm algorithm) {
        return algorithm.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static final class Converter implements ITypeConverter<KeyAlgorithm> {
        @Override
        public KeyAlgorithm convert(String value) {
            for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
                if (nameOf(algorithm).equalsIgnoreCase(value.strip())) {
                    return algorithm;
                }
            }
            throw new TypeConversionException("unknown key type '" + value + "'; use one of " + String.join(", ", new Names()));
        }
    }

    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(KeyAlgorithm.values()).map(KeyTypeOption::nameOf).iterator();
        }
    }
}
