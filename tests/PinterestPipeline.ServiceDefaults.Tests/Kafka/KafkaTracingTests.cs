using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;

namespace PinterestPipeline.ServiceDefaults.Tests.Kafka;

/// <summary>
/// Activity listeners are process-wide; this class runs alone so that "nobody listens" can be tested.
/// </summary>
[CollectionDefinition(nameof(KafkaTracingTests), DisableParallelization = true)]
[Collection(nameof(KafkaTracingTests))]
public sealed class KafkaTracingTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>, IDisposable
{
    private readonly ConcurrentQueue<Activity> stopped = new();
    private readonly ActivityListener listener = new()
    {
        ShouldListenTo = source => source.Name == PipelineTelemetry.ActivitySourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    [Fact]
    public async Task A_round_trip_through_the_registered_clients_carries_traceparent_and_continues_the_trace()
    {
        listener.ActivityStopped = stopped.Enqueue;
        ActivitySource.AddActivityListener(listener);
        var topic = kafka.CreateTopic("trace");
        var group = UniqueName.For("trace");
        var builder = TestHost.CreateBuilder(
            ("ConnectionStrings:kafka", kafka.BootstrapServers),
            ("Aspire:Confluent:Kafka:Consumer:Config:GroupId", group));
        builder.AddKafkaProducer<string, string>("kafka");
        builder.AddKafkaConsumer<string, string>("kafka");
        using var host = builder.Build();
        var producer = host.Services.GetRequiredService<IProducer<string, string>>();
        var consumer = host.Services.GetRequiredService<IConsumer<string, string>>();

        using var request = new Activity("POST /topics").Start();
        var produce = KafkaTracing.StartProduceBatch(topic, 2, out var headers);
        Assert.NotNull(produce);
        Assert.NotNull(headers);
        foreach (var value in new[] { "{\"index\":7528}", "{\"index\":2863}" })
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = value, Headers = headers });
        }

        produce.Dispose();

        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var consumed = ConsumeOne(consumer);
        Assert.True(consumed.Message.Headers.TryGetLastBytes("traceparent", out var traceparent));
        Assert.Equal($"00-{request.TraceId}-{produce.SpanId}-01", Encoding.UTF8.GetString(traceparent));

        using (var process = KafkaTracing.StartConsume(consumed, group))
        {
            Assert.NotNull(process);
            Assert.Same(process, Activity.Current);
            Assert.Equal(ActivityKind.Consumer, process.Kind);
            Assert.Equal(request.TraceId, process.TraceId);
            Assert.Equal(produce.SpanId, process.ParentSpanId);
            Assert.Equal($"process {topic}", process.DisplayName);
            Assert.Equal(group, process.GetTagItem("messaging.consumer.group.name"));
            Assert.Equal(0L, process.GetTagItem("messaging.kafka.offset"));
        }

        Assert.Equal(ActivityKind.Producer, produce.Kind);
        Assert.Equal($"send {topic}", produce.DisplayName);
        Assert.Equal(request.SpanId, produce.ParentSpanId);
        Assert.Equal("kafka", produce.GetTagItem("messaging.system"));
        Assert.Equal(topic, produce.GetTagItem("messaging.destination.name"));
        Assert.Equal("send", produce.GetTagItem("messaging.operation.type"));
        Assert.Equal(2, produce.GetTagItem("messaging.batch.message_count"));
        Assert.Equal(2, stopped.Count(a => a.TraceId == request.TraceId));
    }

    [Fact]
    public void A_batch_span_takes_the_operation_name_of_the_callers_api()
    {
        listener.ActivityStopped = stopped.Enqueue;
        ActivitySource.AddActivityListener(listener);
        using var request = new Activity("POST /streams/s/record").Start();

        using var put = KafkaTracing.StartProduceBatch("streaming-p-pin", 1, out _, "put");

        Assert.Equal("put streaming-p-pin", put!.DisplayName);
        Assert.Equal("send", put.GetTagItem("messaging.operation.type"));
        Assert.Equal("put", put.GetTagItem("messaging.operation.name"));
    }

    [Fact]
    public void A_record_without_trace_headers_starts_under_the_current_activity()
    {
        listener.ActivityStopped = stopped.Enqueue;
        ActivitySource.AddActivityListener(listener);
        using var loop = new Activity("sink loop").Start();
        var result = new ConsumeResult<string, string>
        {
            TopicPartitionOffset = new TopicPartitionOffset("t", 0, 5),
            Message = new Message<string, string> { Value = "v", Headers = [] },
        };

        using var process = KafkaTracing.StartConsume(result);

        Assert.Equal(loop.SpanId, process!.ParentSpanId);
    }

    [Fact]
    public void Without_a_listener_the_ambient_trace_context_is_still_injected()
    {
        using var request = new Activity("POST /topics").Start();

        var produce = KafkaTracing.StartProduceBatch("t", 1, out var headers);

        Assert.Null(produce);
        Assert.Equal(request.TraceId, KafkaTracing.ExtractContext(headers).TraceId);
        Assert.Equal(request.SpanId, KafkaTracing.ExtractContext(headers).SpanId);
    }

    [Fact]
    public void Without_a_listener_or_an_ambient_trace_no_headers_are_made()
    {
        Activity.Current = null;

        var produce = KafkaTracing.StartProduceBatch("t", 1, out var headers);

        Assert.Null(produce);
        Assert.Null(headers);
    }

    private static ConsumeResult<string, string> ConsumeOne(IConsumer<string, string> consumer)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { IsPartitionEOF: false } result)
            {
                return result;
            }
        }

        throw new TimeoutException("No record arrived within 30 s.");
    }

    public void Dispose() => listener.Dispose();
}
