package dev.berth.protocol.hub;

/**
 * Topics the hub publishes to devices and the subscription filters devices use. Formats keep {@code $rid}
 * right after {@code ?} and {@code $version} after it (the Java SDK splits them that way).
 */
public final class HubTopics {
    public static final String TWIN_RESPONSES = "$iothub/twin/res/#";
    public static final String DESIRED_UPDATES = "$iothub/twin/PATCH/properties/desired/#";
    /** nanoFramework subscribes this one filter for responses and desired updates. */
    public static final String ALL_TWIN = "$iothub/twin/#";
    public static final String METHODS = "$iothub/methods/POST/#";

    private HubTopics() {
    }

    public static String cloudToDeviceFilter(String deviceId) {
        return "devices/" + deviceId + "/messages/devicebound/#";
    }

    public static String cloudToDevice(String deviceId, PropertyBag properties) {
        return "devices/" + deviceId + "/messages/devicebound/" + properties.format();
    }

    public static String twinResponse(int status, String rid) {
        return "$iothub/twin/res/" + status + "/?$rid=" + rid;
    }

    public static String twinReportedAccepted(String rid, long reportedVersion) {
        return "$iothub/twin/res/204/?$rid=" + rid + "&$version=" + reportedVersion;
    }

    public static String desiredUpdate(long desiredVersion) {
        return "$iothub/twin/PATCH/properties/desired/?$version=" + desiredVersion;
    }

    /** {@code rid} is a lower-case hex counter: nanoFramework parses it with base 16. */
    public static String methodRequest(String methodName, String rid) {
        return "$iothub/methods/POST/" + methodName + "/?$rid=" + rid;
    }

    public static String methodResponse(int status, String rid) {
        return "$iothub/methods/res/" + status + "/?$rid=" + rid;
    }

    public static String twinGet(String rid) {
        return HubTopic.TWIN_GET + "?$rid=" + rid;
    }

    public static String twinPatchReported(String rid) {
        return HubTopic.TWIN_PATCH_REPORTED + "?$rid=" + rid;
    }

    public static String telemetry(String deviceId, PropertyBag properties) {
        return "devices/" + deviceId + "/messages/events/" + properties.format();
    }
}
