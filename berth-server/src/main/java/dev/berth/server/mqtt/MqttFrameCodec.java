package dev.berth.server.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Netty's stock MQTT codec, driven through an embedded channel so that any byte stream (a TLS socket or
 * WebSocket frames) can be decoded and encoded the same way. Not thread-safe: one per connection, used
 * on that connection's event loop.
 */
final class MqttFrameCodec {
    private final EmbeddedChannel channel;

    MqttFrameCodec(int maxMessageBytes) {
        this.channel = new EmbeddedChannel(MqttEncoder.INSTANCE, new ZeroIdPubAckFilter(maxMessageBytes), new MqttDecoder(maxMessageBytes));
    }

    /** Decodes every complete packet in the data seen so far; partial packets wait for more bytes. */
    List<MqttMessage> decode(Buffer data) {
        channel.writeInbound(Unpooled.wrappedBuffer(data.getBytes()));
        List<MqttMessage> messages = new ArrayList<>();
        MqttMessage message;
        while ((message = channel.readInbound()) != null) {
            messages.add(message);
        }
        return messages;
    }

    Buffer encode(MqttMessage message) {
        channel.writeOutbound(message);
        Buffer result = Buffer.buffer();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            out.release();
            result.appendBytes(bytes);
        }
        return result;
    }

    void close() {
        channel.finishAndReleaseAll();
    }
}
