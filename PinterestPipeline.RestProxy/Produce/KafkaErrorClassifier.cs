using Confluent.Kafka;
using PinterestPipeline.RestProxy.Protocol;

namespace PinterestPipeline.RestProxy.Produce;

/// <summary>
/// Maps a producer error to Confluent's per-record codes: 50003 where the Java client would throw a
/// <c>RetriableException</c> (or librdkafka gave up on a transient condition), 50002 otherwise.
/// </summary>
public static class KafkaErrorClassifier
{
    public static int Classify(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.IsFatal)
        {
            return ErrorCodes.KafkaError;
        }

        return IsRetriable(error.Code) ? ErrorCodes.KafkaRetriableError : ErrorCodes.KafkaError;
    }

    private static bool IsRetriable(ErrorCode code) => code switch
    {
        ErrorCode.Local_MsgTimedOut or
        ErrorCode.Local_TimedOut or
        ErrorCode.Local_TimedOutQueue or
        ErrorCode.Local_Transport or
        ErrorCode.Local_AllBrokersDown or
        ErrorCode.Local_QueueFull or
        ErrorCode.Local_UnknownTopic or
        ErrorCode.Local_UnknownPartition or
        ErrorCode.Local_Retry or
        ErrorCode.Local_PurgeQueue or
        ErrorCode.Local_PurgeInflight or
        ErrorCode.Local_WaitCache or
        ErrorCode.Local_Outdated or
        ErrorCode.UnknownTopicOrPart or
        ErrorCode.LeaderNotAvailable or
        ErrorCode.NotLeaderForPartition or
        ErrorCode.RequestTimedOut or
        ErrorCode.BrokerNotAvailable or
        ErrorCode.ReplicaNotAvailable or
        ErrorCode.NetworkException or
        ErrorCode.NotEnoughReplicas or
        ErrorCode.NotEnoughReplicasAfterAppend or
        ErrorCode.InvalidMsg or
        ErrorCode.KafkaStorageError or
        ErrorCode.FencedLeaderEpoch or
        ErrorCode.UnknownLeaderEpoch or
        ErrorCode.OutOfOrderSequenceNumber or
        ErrorCode.ThrottlingQuotaExceeded => true,
        _ => false,
    };
}
