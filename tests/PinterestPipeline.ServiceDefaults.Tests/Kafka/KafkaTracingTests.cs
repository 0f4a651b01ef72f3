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
        var message = new Message<string, string> { Key = "k", Value = "{\"index\":7528}" };
        var produce = KafkaTracing.StartProduce(topic, message);
        var sibling = KafkaTracing.StartProduce(topic, new Message<string, string> { Value = "unused" });
        Assert.NotNull(produce);
        Assert.Same(request, Activity.Current);
        Assert.Equal(request.SpanId, sibling!.ParentSpanId);
        sibling.Dispose();

        KafkaTracing.RecordDelivery(produce, await producer.ProduceAsync(topic, message));
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
        Assert.Equal("0", produce.GetTagItem("messaging.destination.partition.id"));
        Assert.Equal(0L, produce.GetTagItem("messaging.kafka.offset"));
        Assert.Equal(Encoding.UTF8.GetByteCount(message.Value), produce.GetTagItem("messaging.message.body.size"));
        Assert.Equal(3, stopped.Count(a => a.TraceId == request.TraceId));
    }

    [Fact]
    public void A_failed_delivery_marks_the_producer_span_as_an_error()
    {
        listener.ActivityStopped = stopped.Enqueue;
        ActivitySource.AddActivityListener(listener);
        using var request = new Activity("POST /topics").Start();
        var message = new Message<string, string> { Value = "v" };
        using var produce = KafkaTracing.StartProduce("t", message);

        KafkaTracing.RecordError(produce, new ProduceException<string, string>(new Error(ErrorCode.Local_MsgTimedOut), new DeliveryResult<string, string>()));

        Assert.Equal(ActivityStatusCode.Error, produce!.Status);
        Assert.Equal(nameof(ErrorCode.Local_MsgTimedOut), produce.GetTagItem("error.type"));
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
        var message = new Message<string, string> { Value = "v" };

        var produce = KafkaTracing.StartProduce("t", message);

        Assert.Null(produce);
        Assert.Equal(request.TraceId, KafkaTracing.ExtractContext(message.Headers).TraceId);
        Assert.Equal(request.SpanId, KafkaTracing.ExtractContext(message.Headers).SpanId);
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
