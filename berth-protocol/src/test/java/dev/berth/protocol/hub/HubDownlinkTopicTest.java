package dev.berth.protocol.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HubDownlinkTopicTest {

    @Test
    void twin_get_answer_has_status_and_rid() {
        assertThat(HubDownlinkTopic.parse("$iothub/twin/res/200/?$rid=7", "d"))
                .isEqualTo(new HubDownlinkTopic.TwinResponse(200, "7", null));
    }

    @Test
    void reported_patch_answer_has_the_new_version_after_the_rid() {
        assertThat(HubDownlinkTopic.parse(HubTopics.twinReportedAccepted("12", 5), "d"))
                .isEqualTo(new HubDownlinkTopic.TwinResponse(204, "12", 5L));
    }

    @Test
    void twin_answers_without_rid_or_status_number_are_unknown() {
        assertThat(HubDownlinkTopic.parse("$iothub/twin/res/200/", "d")).isInstanceOf(HubDownlinkTopic.Unknown.class);
        assertThat(HubDownlinkTopic.parse("$iothub/twin/res/abc/?$rid=1", "d")).isInstanceOf(HubDownlinkTopic.Unknown.class);
        assertThat(HubDownlinkTopic.parse("$iothub/twin/res/204/?$rid=1&$version=x", "d")).isInstanceOf(HubDownlinkTopic.Unknown.class);
    }

    @Test
    void desired_update_carries_its_version() {
        assertThat(HubDownlinkTopic.parse(HubTopics.desiredUpdate(9), "d")).isEqualTo(new HubDownlinkTopic.DesiredUpdate(9L));
        assertThat(HubDownlinkTopic.parse("$iothub/twin/PATCH/properties/desired/", "d"))
                .isEqualTo(new HubDownlinkTopic.DesiredUpdate(null));
    }

    @Test
    void method_request_keeps_the_rid_exactly_as_sent() {
        assertThat(HubDownlinkTopic.parse("$iothub/methods/POST/reboot/?$rid=1F", "d"))
                .isEqualTo(new HubDownlinkTopic.MethodRequest("reboot", "1F"));
        assertThat(HubDownlinkTopic.parse(HubTopics.methodRequest("getTemp", "a"), "d"))
                .isEqualTo(new HubDownlinkTopic.MethodRequest("getTemp", "a"));
    }

    @Test
    void method_request_without_name_or_rid_is_unknown() {
        assertThat(HubDownlinkTopic.parse("$iothub/methods/POST//?$rid=1", "d")).isInstanceOf(HubDownlinkTopic.Unknown.class);
        assertThat(HubDownlinkTopic.parse("$iothub/methods/POST/reboot/", "d")).isInstanceOf(HubDownlinkTopic.Unknown.class);
    }

    @Test
    void cloud_to_device_bag_is_split_into_system_and_application_properties() {
        HubDownlinkTopic parsed = HubDownlinkTopic.parse("devices/d/messages/devicebound/%24.mid=m1&%24.cid=c1"
                + "&%24.to=%2Fdevices%2Fd%2Fmessages%2Fdevicebound&iothub-ack=full&color=dark%20red&empty=&bare", "d");

        PropertyBag bag = ((HubDownlinkTopic.CloudToDevice) parsed).properties();
        assertThat(bag.systemProperties()).containsEntry("$.mid", "m1").containsEntry("$.cid", "c1")
                .containsEntry("$.to", "/devices/d/messages/devicebound");
        assertThat(bag.applicationProperties()).containsEntry("color", "dark red").containsEntry("empty", "")
                .containsEntry("bare", null).containsEntry("iothub-ack", "full");
    }

    @Test
    void cloud_to_device_without_bag_has_no_properties() {
        assertThat(HubDownlinkTopic.parse("devices/d/messages/devicebound/", "d"))
                .isEqualTo(new HubDownlinkTopic.CloudToDevice(PropertyBag.EMPTY));
        assertThat(((HubDownlinkTopic.CloudToDevice) HubDownlinkTopic.parse("devices/d/messages/devicebound", "d"))
                .properties().applicationProperties()).isEqualTo(Map.of());
    }

    @Test
    void messages_for_another_device_or_unknown_topics_are_unknown() {
        assertThat(HubDownlinkTopic.parse("devices/other/messages/devicebound/", "d")).isInstanceOf(HubDownlinkTopic.Unknown.class);
        assertThat(HubDownlinkTopic.parse("$iothub/clientproxy/x", "d")).isInstanceOf(HubDownlinkTopic.Unknown.class);
        assertThat(HubDownlinkTopic.parse("devices/d/messages/devicebound/=x", "d")).isInstanceOf(HubDownlinkTopic.Unknown.class);
    }
}
