package dev.berth.server.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Drops {@code PUBACK} packets whose packet ID is 0, which the C# SDK sends to acknowledge a QoS 0 publish.
 * Netty's MQTT decoder rejects them as invalid and then discards the rest of the stream, which would kill an
 * otherwise healthy connection. This stage only finds packet boundaries from the fixed header (type byte and
 * remaining length) and passes every other packet through untouched; decoding stays with Netty's codec.
 */
final class ZeroIdPubAckFilter extends ByteToMessageDecoder {
    private static final int PUBACK_WITH_ZERO_ID = 0x40;
    private final int maxPacketBytes;

    /** @param maxMessageBytes packets announcing more are passed on at once, so the decoder refuses them unbuffered */
    ZeroIdPubAckFilter(int maxMessageBytes) {
        this.maxPacketBytes = maxMessageBytes + 5;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int frameLength = frameLength(in, start);
            if (frameLength < 0) {
                return;
            }
            if (isZeroIdPubAck(in, start, frameLength)) {
                in.skipBytes(frameLength);
                continue;
            }
            out.add(in.readRetainedSlice(frameLength));
        }
    }

    /** The whole packet's length, or -1 while it has not fully arrived (or its length is still incomplete). */
    private int frameLength(ByteBuf in, int start) {
        int remaining = 0;
        int multiplier = 1;
        int index = start + 1;
        for (int i = 0; i < 4; i++, index++) {
            if (index >= in.writerIndex()) {
                return -1;
            }
            int digit = in.getUnsignedByte(index);
            remaining += (digit & 0x7f) * multiplier;
            multiplier *= 128;
            if ((digit & 0x80) == 0) {
                int total = index - start + 1 + remaining;
                if (total > maxPacketBytes) {
                    return in.readableBytes();
                }
                return in.writerIndex() - start >= total ? total : -1;
            }
        }
        // a remaining length over four bytes is malformed: hand the bytes to Netty's decoder, which refuses it
        return in.readableBytes();
    }

    private static boolean isZeroIdPubAck(ByteBuf in, int start, int frameLength) {
        return frameLength == 4 && in.getUnsignedByte(start) == PUBACK_WITH_ZERO_ID && in.getUnsignedByte(start + 1) == 2
                && in.getUnsignedShort(start + 2) == 0;
    }
}
