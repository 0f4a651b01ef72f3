using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PinterestPipeline.DevKafka.Broker;
using PinterestPipeline.Sink;
using PinterestPipeline.Sink.Configuration;
using PinterestPipeline.TestSupport.S3;

// Records/s from Kafka (the in-process dev broker) into a bucket: usage
//   SinkBench <local|s3> <flush.size> <records> [partitions]
// The records are produced first; the clock runs from the first object written to the last, so the
// consumer group's join delay is left out and reported separately.
var storage = args.Length > 0 ? args[0] : "local";
var flushSize = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
var partitions = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
if (count % (flushSize * partitions) != 0)
{
    Console.Error.WriteLine($"records ({count}) must be a multiple of flush.size x partitions ({flushSize * partitions}), so every object fills.");
    return 2;
}

await using var broker = DevBroker.Start();
const string Topic = "bench.pin";
broker.CreateTopic(Topic, partitions);

// A pin row as the emitter posts it (about 600 bytes of JSON).
var value = Encoding.UTF8.GetBytes(
    "{\"index\":7528,\"unique_id\":\"fbe53c66-3442-4773-b19e-d3ec6f54dddf\",\"title\":\"No Title Data Available\"," +
    "\"description\":\"No description available Story format\",\"poster_name\":\"User Info Error\",\"follower_count\":\"User Info Error\"," +
    "\"tag_list\":\"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e\",\"is_image_or_video\":\"multi-video(story page format)\"," +
    "\"image_src\":\"Image src error.\",\"downloaded\":0,\"save_location\":\"Local save in /data/mens-fashion\",\"category\":\"mens-fashion\"," +
    "\"padding\":\"" + new string('x', 120) + "\"}");
using (var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, LingerMs = 20, BatchSize = 1_000_000 }).Build())
{
    for (var i = 0; i < count; i++)
    {
        producer.Produce(new TopicPartition(Topic, i % partitions), new Message<Null, byte[]> { Value = value });
    }

    producer.Flush();
}

using (var check = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = broker.BootstrapServers, GroupId = "check" }).Build())
{
    var kept = Enumerable.Range(0, partitions).Sum(p =>
    {
        var w = check.QueryWatermarkOffsets(new TopicPartition(Topic, p), TimeSpan.FromSeconds(10));
        return w.High.Value - w.Low.Value;
    });
    if (kept != count)
    {
        Console.Error.WriteLine($"The dev broker kept {kept} of {count} records (its log per partition is bounded); use more partitions or fewer records.");
        return 1;
    }
}

var root = Path.Combine(Path.GetTempPath(), $"sinkbench-{Guid.NewGuid():N}");
S3rverFixture? s3rver = null;
var settings = new Dictionary<string, string?>
{
    ["ConnectionStrings:kafka"] = broker.BootstrapServers,
    ["Sink:TopicsRegex"] = "^bench\\..*$",
    ["Sink:FlushSize"] = flushSize.ToString(CultureInfo.InvariantCulture),
    ["Sink:Storage"] = storage == "s3" ? "S3" : "Local",
    ["Sink:LocalPath"] = root,
};
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
if (storage == "s3")
{
    s3rver = new S3rverFixture();
    await s3rver.InitializeAsync();
    var s3Options = new BucketS3Options { BucketName = "bench", ServiceUrl = s3rver.ServiceUrl, ForcePathStyle = true };
    var client = S3ClientFactory.Create(s3Options, new BasicAWSCredentials(S3rverFixture.AccessKeyId, S3rverFixture.SecretAccessKey));
    await client.PutBucketAsync("bench");
    settings["Sink:S3:BucketName"] = "bench";
    settings["Sink:S3:ServiceUrl"] = s3rver.ServiceUrl.ToString();
    settings["Sink:S3:ForcePathStyle"] = "true";
    builder.Services.AddSingleton(client);
}

builder.Configuration.AddInMemoryCollection(settings);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddSink();

long written = 0;
long firstAt = 0;
long lastAt = 0;
using var done = new SemaphoreSlim(0);
using var listener = new MeterListener();
listener.InstrumentPublished = (instrument, l) =>
{
    if (instrument.Meter.Name == PipelineTelemetry.MeterName && instrument.Name == "sink.records.written")
    {
        l.EnableMeasurementEvents(instrument);
    }
};
listener.SetMeasurementEventCallback<long>((_, measurement, _, _) =>
{
    var now = Stopwatch.GetTimestamp();
    Interlocked.CompareExchange(ref firstAt, now, 0);
    if (Interlocked.Add(ref written, measurement) >= count)
    {
        lastAt = now;
        done.Release();
    }
});
listener.Start();

var started = Stopwatch.GetTimestamp();
using var host = builder.Build();
await host.StartAsync();
if (!await done.WaitAsync(TimeSpan.FromMinutes(10)))
{
    Console.Error.WriteLine($"Only {Interlocked.Read(ref written)} of {count} records were written within 10 minutes.");
    return 1;
}

await host.StopAsync();
var seconds = Stopwatch.GetElapsedTime(firstAt, lastAt).TotalSeconds;
var first = Stopwatch.GetElapsedTime(started, firstAt).TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"storage={storage} flush.size={flushSize} records={count} partitions={partitions} bytes/record={value.Length + 1}: " +
    $"{count / seconds:N0} records/s ({seconds:0.00} s from first to last object; first object {first:0.0} s after start)"));

if (s3rver is not null)
{
    await s3rver.DisposeAsync();
}

if (Directory.Exists(root))
{
    Directory.Delete(root, recursive: true);
}

return 0;
