using System.Buffers.Binary;
using System.Text;

namespace PinterestPipeline.TestSupport.Otlp;

/// <summary>
/// Just enough of the protobuf wire format to walk an OTLP export request: fields are read in order and each
/// length-delimited one can be opened as a nested message. OpenTelemetry.Proto is not served here, and the
/// messages the test needs have a handful of fields.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    public int FieldNumber { get; private set; }

    public int WireType { get; private set; }

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        if (position >= data.Length)
        {
            return false;
        }

        var tag = ReadVarint();
        FieldNumber = (int)(tag >> 3);
        WireType = (int)(tag & 7);
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A varint is longer than 10 bytes.");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = checked((int)ReadVarint());
        var bytes = data.Slice(position, length);
        position += length;
        return bytes;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    public ulong ReadFixed64()
    {
        var value = BinaryPrimitives.ReadUInt64LittleEndian(data[position..]);
        position += 8;
        return value;
    }

    /// <summary>Skips the current field's value, whatever its wire type.</summary>
    public void Skip()
    {
        switch (WireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                position += 8;
                break;
            case 2:
                ReadBytes();
                break;
            case 5:
                position += 4;
                break;
            default:
                throw new InvalidDataException($"Wire type {WireType} is not used by OTLP.");
        }
    }
}
