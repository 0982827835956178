package dev.st4j.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Cursor over one protobuf message in the wire format: varints, 64-bit and 32-bit fixed values,
 * and length-delimited fields (strings, bytes, nested messages, packed arrays).
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buffer;
    private int field;
    private int wireType;

    ProtoReader(ByteBuffer message) {
        this.buffer = message.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Advances to the next field; returns false at the end of the message. */
    boolean next() {
        if (!buffer.hasRemaining()) {
            return false;
        }
        long tag = readVarint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        return true;
    }

    int field() {
        return field;
    }

    int wireType() {
        return wireType;
    }

    long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buffer.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalStateException("Malformed protobuf varint at byte " + buffer.position());
    }

    float readFixed32Float() {
        return buffer.getFloat();
    }

    /** The bytes of a length-delimited field, as a view of the underlying buffer. */
    ByteBuffer readBytes() {
        long length = readVarint();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalStateException("Malformed protobuf: field " + field + " claims "
                    + length + " bytes but " + buffer.remaining() + " remain");
        }
        ByteBuffer slice = buffer.slice(buffer.position(), (int) length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(buffer.position() + (int) length);
        return slice;
    }

    String readString() {
        ByteBuffer bytes = readBytes();
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return new String(array, StandardCharsets.UTF_8);
    }

    /** Reads a repeated int64 field in either packed or unpacked encoding. */
    void readInt64s(LongSink sink) {
        if (wireType == LENGTH_DELIMITED) {
            ProtoReader packed = new ProtoReader(readBytes());
            while (packed.buffer.hasRemaining()) {
                sink.accept(packed.readVarint());
            }
        } else {
            sink.accept(readVarint());
        }
    }

    void skip() {
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> buffer.position(buffer.position() + 8);
            case LENGTH_DELIMITED -> readBytes();
            case FIXED32 -> buffer.position(buffer.position() + 4);
            default -> throw new IllegalStateException("Unsupported protobuf wire type " + wireType
                    + " for field " + field);
        }
    }

    @FunctionalInterface
    interface LongSink {
        void accept(long value);
    }
}
