package dev.berth.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttFrameCodecTest {
    private static final byte[] PUBACK_ZERO = {0x40, 0x02, 0x00, 0x00};
    private static final byte[] PUBACK_SEVEN = {0x40, 0x02, 0x00, 0x07};
    private static final byte[] PINGREQ = {(byte) 0xC0, 0x00};

    private static byte[] concat(byte[]... parts) {
        Buffer buffer = Buffer.buffer();
        for (byte[] part : parts) {
            buffer.appendBytes(part);
        }
        return buffer.getBytes();
    }

    @Test
    void puback_with_packet_id_zero_is_dropped_and_the_stream_goes_on() {
        MqttFrameCodec codec = new MqttFrameCodec(1024);
        List<MqttMessage> messages = codec.decode(Buffer.buffer(concat(PUBACK_ZERO, PINGREQ, PUBACK_SEVEN)));
        assertThat(messages).extracting(m -> m.fixedHeader().messageType())
                .containsExactly(MqttMessageType.PINGREQ, MqttMessageType.PUBACK);
        assertThat(((MqttPubAckMessage) messages.get(1)).variableHeader().messageId()).isEqualTo(7);
        assertThat(messages).allMatch(m -> m.decoderResult().isSuccess());
    }

    @Test
    void packets_split_across_reads_are_reassembled() {
        MqttFrameCodec codec = new MqttFrameCodec(1024);
        byte[] stream = concat(PINGREQ, PUBACK_SEVEN, PUBACK_ZERO, PINGREQ);
        List<MqttMessage> messages = new ArrayList<>();
        for (byte b : stream) {
            messages.addAll(codec.decode(Buffer.buffer(new byte[] {b})));
        }
        assertThat(messages).extracting(m -> m.fixedHeader().messageType())
                .containsExactly(MqttMessageType.PINGREQ, MqttMessageType.PUBACK, MqttMessageType.PINGREQ);
    }

    @Test
    void a_huge_announced_length_is_refused_without_waiting_for_its_bytes() {
        MqttFrameCodec codec = new MqttFrameCodec(1024);
        // a PUBLISH announcing 256 MB: the fixed header and its topic arrive, the 256 MB never do
        List<MqttMessage> messages = codec.decode(Buffer.buffer(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 0x00, 0x01, 'a'}));
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).decoderResult().isFailure()).isTrue();
    }

    @Test
    void oversized_packets_are_still_refused_by_the_decoder() {
        MqttFrameCodec codec = new MqttFrameCodec(16);
        byte[] publish = new byte[2 + 40];
        publish[0] = 0x30;
        publish[1] = 40;
        List<MqttMessage> messages = codec.decode(Buffer.buffer(publish));
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).decoderResult().isFailure()).isTrue();
    }
}
