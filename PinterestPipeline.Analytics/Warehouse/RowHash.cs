using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using PinterestPipeline.Analytics.Cleaning;

namespace PinterestPipeline.Analytics.Warehouse;

/// <summary>
/// A 128-bit XxHash of a cleaned row's values (each with a type tag, so null, "" and 0 differ), stable across processes:
/// equal rows, and only equal rows in practice, hash alike. Stored next to the tables to keep each distinct row once.
/// </summary>
public static class RowHash
{
    /// <summary>The hash of a <see cref="PinRow"/>, <see cref="GeoRow"/> or <see cref="UserRow"/>.</summary>
    public static UInt128 Of(object row) => row switch
    {
        PinRow pin => Of(pin),
        GeoRow geo => Of(geo),
        UserRow user => Of(user),
        _ => throw new ArgumentException($"{row?.GetType().Name ?? "null"} is not a cleaned row.", nameof(row)),
    };

    public static UInt128 Of(PinRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var buffer = new ArrayBufferWriter<byte>(512);
        Add(buffer, row.Ind);
        Add(buffer, row.UniqueId);
        Add(buffer, row.Title);
        Add(buffer, row.Description);
        Add(buffer, row.FollowerCount);
        Add(buffer, row.PosterName);
        Add(buffer, row.TagList);
        Add(buffer, row.IsImageOrVideo);
        Add(buffer, row.ImageSrc);
        Add(buffer, row.SaveLocation);
        Add(buffer, row.Category);
        Add(buffer, row.Downloaded);
        return XxHash128.HashToUInt128(buffer.WrittenSpan);
    }

    public static UInt128 Of(GeoRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var buffer = new ArrayBufferWriter<byte>(128);
        Add(buffer, row.Ind);
        Add(buffer, row.Country);
        Add(buffer, row.Coordinates.Length);
        foreach (var value in row.Coordinates)
        {
            Add(buffer, value);
        }

        Add(buffer, row.Timestamp);
        return XxHash128.HashToUInt128(buffer.WrittenSpan);
    }

    public static UInt128 Of(UserRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var buffer = new ArrayBufferWriter<byte>(128);
        Add(buffer, row.Ind);
        Add(buffer, row.UserName);
        Add(buffer, row.Age);
        Add(buffer, row.DateJoined);
        return XxHash128.HashToUInt128(buffer.WrittenSpan);
    }

    private static void Add(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            Tag(buffer, 0);
            return;
        }

        Tag(buffer, 1);
        var length = Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), length);
        buffer.Advance(4);
        buffer.Advance(Encoding.UTF8.GetBytes(value, buffer.GetSpan(length)));
    }

    private static void Add(ArrayBufferWriter<byte> buffer, long? value)
    {
        Tag(buffer, value is null ? (byte)0 : (byte)2);
        if (value is { } number)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), number);
            buffer.Advance(8);
        }
    }

    private static void Add(ArrayBufferWriter<byte> buffer, double? value)
    {
        Tag(buffer, value is null ? (byte)0 : (byte)3);
        if (value is { } number)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(buffer.GetSpan(8), number);
            buffer.Advance(8);
        }
    }

    private static void Add(ArrayBufferWriter<byte> buffer, DateTime? value) => Add(buffer, value?.Ticks);

    private static void Tag(ArrayBufferWriter<byte> buffer, byte tag)
    {
        buffer.GetSpan(1)[0] = tag;
        buffer.Advance(1);
    }
}
