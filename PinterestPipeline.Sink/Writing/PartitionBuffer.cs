using System.Buffers;
using Confluent.Kafka;

namespace PinterestPipeline.Sink.Writing;

/// <summary>
/// The open object of one partition and the offsets that say how far the partition is safely in the bucket.
/// </summary>
internal sealed class PartitionBuffer(TopicPartition topicPartition)
{
    private readonly ArrayBufferWriter<byte> content = new();

    public TopicPartition TopicPartition { get; } = topicPartition;

    /// <summary>The offset of the first record in the open object.</summary>
    public long StartOffset { get; private set; } = Offset.Unset;

    public int Count { get; private set; }

    /// <summary>The offset after the last record seen; <see cref="Offset.Unset"/> before the first.</summary>
    public long NextOffset { get; private set; } = Offset.Unset;

    /// <summary>The offset last committed for this partition by this instance.</summary>
    public long CommittedOffset { get; set; } = Offset.Unset;

    /// <summary>When the open object got its first record (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long OpenedAt { get; private set; }

    public ReadOnlyMemory<byte> Content => content.WrittenMemory;

    /// <summary>
    /// The offset up to which every record is durably in the bucket (or in the dead-letter folder): the start
    /// of the open object, or the next offset when nothing is buffered. Committing it never skips a record.
    /// </summary>
    public long SafeOffset => Count > 0 ? StartOffset : NextOffset;

    public void Append(long offset, ReadOnlySpan<byte> line, long timestamp)
    {
        if (Count == 0)
        {
            StartOffset = offset;
            OpenedAt = timestamp;
        }

        content.Write(line);
        content.Write("\n"u8);
        Count++;
        NextOffset = offset + 1;
    }

    /// <summary>Moves past a record that went to the dead-letter folder instead of the open object.</summary>
    public void Skip(long offset) => NextOffset = offset + 1;

    /// <summary>Starts a new object after the open one was written.</summary>
    public void Reset()
    {
        content.ResetWrittenCount();
        Count = 0;
        StartOffset = Offset.Unset;
    }
}
