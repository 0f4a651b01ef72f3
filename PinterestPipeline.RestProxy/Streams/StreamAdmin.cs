using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Options;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// CreateStream and DeleteStream through Kafka's admin API (CreateTopics, DeleteTopics), each bounded by
/// <see cref="StreamsOptions.AdminTimeout"/>. A broker without these APIs (librdkafka's mock cluster, so
/// DevKafka) gets a Kinesis error that says to declare the stream up front.
/// </summary>
public sealed class StreamAdmin(IAdminClient admin, StreamCatalog catalog, IOptions<StreamsOptions> options)
{
    private readonly StreamsOptions settings = options.Value;

    /// <exception cref="KinesisException">The stream exists, the cluster refused, or it did not answer in time.</exception>
    public async Task CreateAsync(string name, int shardCount, CancellationToken cancellationToken)
    {
        var topic = new TopicSpecification { Name = name, NumPartitions = shardCount, ReplicationFactor = -1 };
        var timeouts = new CreateTopicsOptions { RequestTimeout = settings.AdminTimeout, OperationTimeout = settings.AdminTimeout };
        try
        {
            await admin.CreateTopicsAsync([topic], timeouts).WaitAsync(settings.AdminTimeout + TimeSpan.FromSeconds(1), cancellationToken);
        }
        catch (CreateTopicsException ex) when (ex.Results is [{ Error.Code: ErrorCode.TopicAlreadyExists }, ..])
        {
            throw KinesisException.ResourceInUse($"Stream {name} under account {catalog.AccountId} already exists.");
        }
        catch (CreateTopicsException ex) when (ex.Results is [{ Error: var error }, ..])
        {
            throw Refused("create", name, error);
        }
        catch (KafkaException ex)
        {
            throw Refused("create", name, ex.Error);
        }
        catch (TimeoutException)
        {
            throw Unanswered("create", name);
        }

        await catalog.RefreshAsync(cancellationToken);
    }

    /// <exception cref="KinesisException">The cluster refused, or it did not answer in time.</exception>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var timeouts = new DeleteTopicsOptions { RequestTimeout = settings.AdminTimeout, OperationTimeout = settings.AdminTimeout };
        try
        {
            await admin.DeleteTopicsAsync([name], timeouts).WaitAsync(settings.AdminTimeout + TimeSpan.FromSeconds(1), cancellationToken);
        }
        catch (DeleteTopicsException ex) when (ex.Results is [{ Error.Code: ErrorCode.UnknownTopicOrPart }, ..])
        {
            throw catalog.NotFound(name);
        }
        catch (DeleteTopicsException ex) when (ex.Results is [{ Error: var error }, ..])
        {
            throw Refused("delete", name, error);
        }
        catch (KafkaException ex)
        {
            throw Refused("delete", name, ex.Error);
        }
        catch (TimeoutException)
        {
            throw Unanswered("delete", name);
        }

        await catalog.RefreshAsync(cancellationToken);
    }

    private static KinesisException Refused(string verb, string name, Error error) =>
        IsUnsupported(error.Code)
            ? KinesisException.InvalidArgument(
                $"Cannot {verb} stream {name}: the Kafka cluster does not support {(verb == "create" ? "CreateTopics" : "DeleteTopics")} ({error.Reason}). " +
                $"librdkafka's mock cluster (DevKafka) is such a cluster: declare the stream when the broker starts instead (DevKafka --topic {name}:<shards>).")
            : KinesisException.InvalidArgument($"The Kafka cluster refused to {verb} topic {name}: {error.Code} ({error.Reason}).");

    private KinesisException Unanswered(string verb, string name) =>
        KinesisException.InvalidArgument(
            $"Cannot {verb} stream {name}: the Kafka cluster did not answer within {settings.AdminTimeout.TotalSeconds:0} s. " +
            $"If it is librdkafka's mock cluster (DevKafka), which has no CreateTopics/DeleteTopics, declare the stream when the broker starts instead (DevKafka --topic {name}:<shards>).");

    private static bool IsUnsupported(ErrorCode code) => code is
        ErrorCode.Local_UnsupportedFeature or ErrorCode.UnsupportedVersion or ErrorCode.InvalidRequest or ErrorCode.Local_TimedOut;
}
