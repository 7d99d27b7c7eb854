package dev.berth.app;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest; "development build" when running from classes (tests, IDE). */
public final class BerthVersion implements IVersionProvider {

    public static String version() {
        String version = BerthVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Berth " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
