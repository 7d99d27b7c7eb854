package dev.berth.app.bench.baseline;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import java.nio.charset.StandardCharsets;

/**
 * One connection of the baseline server. CONNECT gets CONNACK (accepted, nothing checked), SUBSCRIBE gets a SUBACK
 * granting QoS 1, a QoS 1 PUBLISH gets its PUBACK and one QoS 1 PUBLISH back on the DPS answer topic with the request's
 * {@code ?$rid=…} and a body the size of a real assignment; PINGREQ gets PINGRESP; DISCONNECT or anything malformed
 * closes the connection. Deliberately nothing else.
 */
final class EchoHandler extends SimpleChannelInboundHandler<MqttMessage> {
    static final String ANSWER_TOPIC_PREFIX = "$dps/registrations/res/200/";
    /** Shaped like Berth's 200 answer so both runs move about as many bytes. */
    static final byte[] ANSWER = ("{\"operationId\":\"5.0123456789abcdef.01234567-89ab-cdef-0123-456789abcdef\",\"status\":\"assigned\","
            + "\"registrationState\":{\"registrationId\":\"baseline-device\",\"createdDateTimeUtc\":\"2026-01-01T00:00:00.0000000Z\","
            + "\"assignedHub\":\"127.0.0.1\",\"deviceId\":\"baseline-device\",\"status\":\"assigned\",\"substatus\":\"initialAssignment\","
            + "\"lastUpdatedDateTimeUtc\":\"2026-01-01T00:00:00.0000000Z\",\"etag\":\"IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMCI=\"}}")
            .getBytes(StandardCharsets.UTF_8);

    private int nextPacketId = 1;

    @Override
    protected void channelRead0(ChannelHandlerContext context, MqttMessage message) {
        if (message.decoderResult().isFailure()) {
            context.close();
            return;
        }
        switch (message.fixedHeader().messageType()) {
            case CONNECT -> context.writeAndFlush(MqttMessageBuilders.connAck()
                    .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).sessionPresent(false).build());
            case SUBSCRIBE -> {
                MqttSubscribeMessage subscribe = (MqttSubscribeMessage) message;
                int[] granted = subscribe.payload().topicSubscriptions().stream().mapToInt(s -> MqttQoS.AT_LEAST_ONCE.value()).toArray();
                context.writeAndFlush(new MqttSubAckMessage(header(MqttMessageType.SUBACK, MqttQoS.AT_MOST_ONCE),
                        MqttMessageIdVariableHeader.from(subscribe.variableHeader().messageId()), new MqttSubAckPayload(granted)));
            }
            case PUBLISH -> answer(context, (MqttPublishMessage) message);
            case PINGREQ -> context.writeAndFlush(new MqttMessage(header(MqttMessageType.PINGRESP, MqttQoS.AT_MOST_ONCE)));
            case DISCONNECT -> context.close();
            default -> { } // PUBACKs of our answers need no reply
        }
    }

    private void answer(ChannelHandlerContext context, MqttPublishMessage request) {
        if (request.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            context.write(MqttMessageBuilders.pubAck().packetId(request.variableHeader().packetId()).build());
        }
        String topic = request.variableHeader().topicName();
        int query = topic.indexOf('?');
        context.writeAndFlush(MqttMessageBuilders.publish().topicName(ANSWER_TOPIC_PREFIX + (query < 0 ? "" : topic.substring(query)))
                .qos(MqttQoS.AT_LEAST_ONCE).retained(false).messageId(nextPacketId())
                .payload(Unpooled.wrappedBuffer(ANSWER)).build());
    }

    private int nextPacketId() {
        int id = nextPacketId;
        nextPacketId = nextPacketId == 65535 ? 1 : nextPacketId + 1;
        return id;
    }

    private static MqttFixedHeader header(MqttMessageType type, MqttQoS qos) {
        return new MqttFixedHeader(type, false, qos, false, 0);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        context.close();
    }
}
