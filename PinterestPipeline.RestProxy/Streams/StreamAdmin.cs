using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Options;
using PinterestPipeline.RestProxy.Telemetry;

namespace PinterestPipeline.RestProxy.Streams;

/// <summary>
/// CreateStream and DeleteStream through Kafka's admin API (CreateTopics, DeleteTopics), each bounded by
/// <see cref="StreamsOptions.AdminTimeout"/>. A broker without these APIs (librdkafka's mock cluster, so
/// DevKafka) gets a Kinesis error that says to declare the stream up front.
/// </summary>
public sealed class StreamAdmin(IAdminClient admin, StreamCatalog catalog, IOptions<StreamsOptions> options, ILogger<StreamAdmin> logger)
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

        RestProxyLog.StreamCreated(logger, name, shardCount);
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

        RestProxyLog.StreamDeleted(logger, name);
        await catalog.RefreshAsync(cancellationToken);
    }

    // librdkafka's mock cluster names no controller, so an admin request there waits for one until it times out.
    private KinesisException Refused(string verb, string name, Error error)
    {
        RestProxyLog.StreamAdminFailed(logger, verb, name, $"{error.Code}: {error.Reason}");
        return KinesisException.InvalidArgument(
            $"Cannot {verb} stream {name}: the Kafka cluster did not take the {Api(verb)} request ({error.Code}: {error.Reason}). {Advice(verb, name)}");
    }

    private KinesisException Unanswered(string verb, string name)
    {
        RestProxyLog.StreamAdminFailed(logger, verb, name, $"no answer within {settings.AdminTimeout}");
        return KinesisException.InvalidArgument(
            $"Cannot {verb} stream {name}: the Kafka cluster did not answer the {Api(verb)} request within {settings.AdminTimeout.TotalSeconds:0} s. {Advice(verb, name)}");
    }

    private static string Api(string verb) => verb == "create" ? "CreateTopics" : "DeleteTopics";

    private static string Advice(string verb, string name) => verb == "create"
        ? $"librdkafka's mock cluster (DevKafka) has no CreateTopics: declare the stream when the broker starts (DevKafka --topic {name}:<shards>). On another cluster, check that it allows this client to create topics."
        : $"librdkafka's mock cluster (DevKafka) has no DeleteTopics: its topics live until the broker stops. On another cluster, check that it allows this client to delete topics.";
}
