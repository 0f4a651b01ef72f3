namespace PinterestPipeline.Sink.Configuration;

/// <summary>What a record whose value is not JSON does: the counterpart of the connector's <c>errors.tolerance</c>.</summary>
public enum ErrorsTolerance
{
    /// <summary>
    /// The sink stops with an error naming the record; offsets are not committed past it, so a restart
    /// meets it again (Kafka Connect's default: the task fails).
    /// </summary>
    None,

    /// <summary>
    /// The record's raw bytes go to the dead-letter folder of the bucket
    /// (<see cref="SinkOptions.DeadLetterDir"/>) and the sink carries on.
    /// </summary>
    All,
}
