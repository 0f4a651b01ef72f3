extern alias analytics;
extern alias seeder;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using PinterestPipeline.DevKafka.Broker;
using PinterestPipeline.TestSupport;
using seeder::PinterestPipeline.Seeder.Data;
using TableCleaning = analytics::PinterestPipeline.Analytics.Cleaning.TableCleaning;
using SourceRecordParser = analytics::PinterestPipeline.Analytics.Cleaning.SourceRecordParser;

// The stream job's speed. Usage:
//   StreamBench throughput [records = 100000] [shards per stream = 8]
//   StreamBench latency [events = 100]
// throughput: the three streams are filled first (the seeder's rows at random offsets, in the seed's string form, pin,
// geo and user in turn), then the service starts and its rows/s are timed from its first commit to its last (its own
// log lines, with their timestamps). Baselines in the same run over the same records: a bare consumer that only reads them,
// and one that reads, decodes (the JSON string, then the row) and cleans them with the service's own code, no warehouse.
// latency: the real proxy and the service as processes; events are PUT at the emitter's default rate (a pause of
// uniform(0, 2) s, then the three PUTs in turn), and each record's latency is from just before its PUT is sent to the
// moment its row is first seen through GET /api/streams/{table}/rows (polled every 5 ms).
// The streams' broker is DevKafka's mock cluster in this process (about 5 MB kept per partition, hence several shards).
const string Prefix = "bench";
string[] suffixes = ["pin", "geo", "user"];
var mode = args.Length > 0 ? args[0] : "throughput";
var data = SeedDataGenerator.Generate();
var root = Path.Combine(Path.GetTempPath(), $"stream-bench-{Environment.ProcessId}");
Directory.CreateDirectory(root);
try
{
    return mode switch
    {
        "throughput" => await ThroughputAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8),
        "latency" => await LatencyAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100),
        _ => throw new ArgumentException($"Unknown mode '{mode}': use throughput or latency."),
    };
}
finally
{
    Directory.Delete(root, recursive: true);
}

async Task<int> ThroughputAsync(int records, int shards)
{
    await using var broker = DevBroker.Start();
    foreach (var suffix in suffixes)
    {
        broker.CreateTopic(Stream(suffix), shards);
    }

    var random = new Random(42);
    var clock = Stopwatch.StartNew();
    using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, LingerMs = 20, Acks = Acks.All }).Build())
    {
        var key = Encoding.UTF8.GetBytes("partition-1");
        for (var i = 0; i < records; i++)
        {
            var suffix = suffixes[i % 3];
            var data = JsonSerializer.SerializeToUtf8Bytes(RowJson(suffix, random.Next(0, 11_001)));
            producer.Produce(new TopicPartition(Stream(suffix), i / 3 % shards), new Message<byte[], byte[]> { Key = key, Value = data });
        }

        producer.Flush(TimeSpan.FromMinutes(1));
    }

    Console.WriteLine($"filled {shards} shards per stream with {records:N0} records in {clock.Elapsed.TotalSeconds:0.0} s");
    var bare = Consume(broker.BootstrapServers, records, shards, clean: false);
    var decoded = Consume(broker.BootstrapServers, records, shards, clean: true);

    // Timed by the service's own commit log lines (a timestamp each), so nothing polls it while it works.
    var port = FreePort.Next();
    var settings = ServiceSettings(broker.BootstrapServers, port);
    settings["Logging:LogLevel:PinterestPipeline.Analytics.StreamProcessing.StreamJob"] = "Debug";
    settings["Logging:Console:FormatterName"] = "simple";
    settings["Logging:Console:FormatterOptions:SingleLine"] = "true";
    settings["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ";
    using var service = ServiceProcess.Start("PinterestPipeline.Analytics", settings);
    List<(TimeSpan At, long Records)> commits;
    while ((commits = Commits(service.Output)).Sum(c => c.Records) < records)
    {
        if (service.HasExited)
        {
            throw new InvalidOperationException("The service exited:\n" + service.Output);
        }

        await Task.Delay(100);
    }

    service.Kill();
    var atFirst = commits[0].Records;
    var job = commits[^1].At - commits[0].At;
    Console.WriteLine();
    Console.WriteLine("| what | records | time (s) | records/s |");
    Console.WriteLine("|---|---:|---:|---:|");
    Line("baseline: bare consumer (read only)", bare.Records, bare.Time);
    Line("baseline: consumer + decode + parse + clean (the job's code, no warehouse)", decoded.Records, decoded.Time);
    Line($"stream job: rows committed to the three tables (from the end of its first commit, {atFirst:N0} rows, to the end of its last; {commits.Count} commits)", records - atFirst, job);
    return 0;
}

async Task<int> LatencyAsync(int events)
{
    await using var broker = DevBroker.Start();
    foreach (var suffix in suffixes)
    {
        broker.CreateTopic(Stream(suffix));
    }

    var proxyPort = FreePort.Next();
    using var proxy = ServiceProcess.Start("PinterestPipeline.RestProxy", new Dictionary<string, string?>
    {
        ["ConnectionStrings:kafka"] = broker.BootstrapServers,
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{proxyPort}",
        ["Logging:LogLevel:Default"] = "Warning",
    });
    var port = FreePort.Next();
    using var service = ServiceProcess.Start("PinterestPipeline.Analytics", ServiceSettings(broker.BootstrapServers, port));
    using var gateway = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{proxyPort}") };
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    await WaitForHealthAsync(gateway, proxy);
    await WaitForHealthAsync(http, service);

    var random = new Random(100);
    var latencies = new List<double>();
    for (var n = 0; n < events; n++)
    {
        await Task.Delay(TimeSpan.FromSeconds(random.NextDouble() * 2));
        var offset = random.Next(0, 11_001);
        var seen = new List<Task<double>>();
        foreach (var (suffix, i) in suffixes.Select((s, i) => (s, i)))
        {
            var body = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["StreamName"] = Stream(suffix),
                ["Data"] = RowJson(suffix, offset),
                ["PartitionKey"] = $"partition-{i + 1}",
            });
            var put = Stopwatch.StartNew();
            using var response = await gateway.PutAsync($"/streams/{Stream(suffix)}/record", new StringContent(body, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            seen.Add(SeenAsync(http, $"{Prefix}_{suffix}_table", n, put));
        }

        latencies.AddRange(await Task.WhenAll(seen));
    }

    proxy.Kill();
    service.Kill();
    latencies.Sort();
    Console.WriteLine();
    Console.WriteLine($"| PUT → committed row, {latencies.Count} records of {events} events at the emitter's default rate | ms |");
    Console.WriteLine("|---|---:|");
    foreach (var (name, q) in new[] { ("p50", 0.50), ("p90", 0.90), ("p99", 0.99), ("max", 1.0) })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(q * latencies.Count) - 1)]:0} |"));
    }

    return 0;
}

// The row's JSON as the seed's json.dumps writes it (", " and ": ", ISO datetimes); the stored data is its string literal.
string RowJson(string suffix, int offset) => suffix switch
{
    "pin" => Python(("index", data.Pins[offset].Index), ("unique_id", data.Pins[offset].UniqueId), ("title", data.Pins[offset].Title),
        ("description", data.Pins[offset].Description), ("poster_name", data.Pins[offset].PosterName), ("follower_count", data.Pins[offset].FollowerCount),
        ("tag_list", data.Pins[offset].TagList), ("is_image_or_video", data.Pins[offset].IsImageOrVideo), ("image_src", data.Pins[offset].ImageSrc),
        ("downloaded", data.Pins[offset].Downloaded), ("save_location", data.Pins[offset].SaveLocation), ("category", data.Pins[offset].Category)),
    "geo" => Python(("ind", data.Geos[offset].Ind), ("timestamp", data.Geos[offset].Timestamp), ("latitude", data.Geos[offset].Latitude),
        ("longitude", data.Geos[offset].Longitude), ("country", data.Geos[offset].Country)),
    _ => Python(("ind", data.Users[offset].Ind), ("first_name", data.Users[offset].FirstName), ("last_name", data.Users[offset].LastName),
        ("age", data.Users[offset].Age), ("date_joined", data.Users[offset].DateJoined)),
};

static string Python(params (string Name, object? Value)[] fields) => "{" + string.Join(", ", fields.Select(f => $"{JsonSerializer.Serialize(f.Name)}: {f.Value switch
{
    null => "null",
    int or long => Convert.ToString(f.Value, CultureInfo.InvariantCulture),
    float number => number.ToString("R", CultureInfo.InvariantCulture),
    DateTime time => JsonSerializer.Serialize(time.ToString("s", CultureInfo.InvariantCulture)),
    var text => JsonSerializer.Serialize(text.ToString()),
}}")) + "}";

string Stream(string suffix) => $"streaming-{Prefix}-{suffix}";

Dictionary<string, string?> ServiceSettings(string bootstrapServers, int port) => new()
{
    ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
    ["ConnectionStrings:kafka"] = bootstrapServers,
    ["Pipeline:TopicPrefix"] = Prefix,
    ["Analytics:Storage"] = "Local",
    ["Analytics:LocalPath"] = Path.Combine(root, "bucket"),
    ["Analytics:WarehousePath"] = Path.Combine(root, $"warehouse-{port}.duckdb"),
    ["Logging:LogLevel:Default"] = "Warning",
};

(long Records, TimeSpan Time) Consume(string bootstrapServers, int records, int shards, bool clean)
{
    using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = "bench",
        EnableAutoCommit = false,
        EnablePartitionEof = false,
        FetchWaitMaxMs = 50,
    }).Build();
    consumer.Assign(suffixes.SelectMany(s => Enumerable.Range(0, shards).Select(p => new TopicPartitionOffset(Stream(s), p, Offset.Beginning))));
    var tables = suffixes.ToDictionary(Stream, s => TableCleaning.All.Single(t => t.TopicSuffix == s));
    var clock = Stopwatch.StartNew();
    long count = 0, cleaned = 0;
    var buffer = new byte[64 * 1024];
    while (count < records)
    {
        var result = consumer.Consume(TimeSpan.FromSeconds(1));
        if (result is null)
        {
            continue;
        }

        count++;
        if (clean)
        {
            // What the job does per record before the warehouse: the string literal, the row, the rules.
            var reader = new Utf8JsonReader(result.Message.Value);
            reader.Read();
            var length = reader.CopyString(buffer);
            var table = tables[result.Topic];
            var values = SourceRecordParser.Parse(buffer.AsSpan(0, length), table, out _);
            if (values is not null && table.Clean(values) is not null)
            {
                cleaned++;
            }
        }
    }

    var time = clock.Elapsed;
    consumer.Close();
    if (clean && cleaned != records)
    {
        throw new InvalidOperationException($"Only {cleaned} of {records} records were cleaned.");
    }

    return (count, time);
}

static void Line(string what, long records, TimeSpan time) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {records:N0} | {time.TotalSeconds:0.000} | {records / time.TotalSeconds:N0} |"));

// "HH:mm:ss.fff dbug: ...StreamJob[107] Stream batch committed: 10000 records (0 rejected) in 111.7 ms"
static List<(TimeSpan At, long Records)> Commits(string output) =>
    [.. output.Split('\n').Where(line => line.Contains("Stream batch committed: ", StringComparison.Ordinal)).Select(line =>
    {
        var records = line[(line.IndexOf("committed: ", StringComparison.Ordinal) + 11)..].Split(' ')[0];

        return (TimeSpan.ParseExact(line[..12], @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture), long.Parse(records, CultureInfo.InvariantCulture));
    })];

static async Task<double> SeenAsync(HttpClient http, string table, int row, Stopwatch put)
{
    while (true)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/streams/{table}/rows?offset={row}&limit=1");
        if (page.GetProperty("rows").GetArrayLength() == 1)
        {
            return put.Elapsed.TotalMilliseconds;
        }

        await Task.Delay(5);
    }
}

static async Task WaitForHealthAsync(HttpClient http, ServiceProcess service)
{
    while (true)
    {
        try
        {
            using var health = await http.GetAsync("/health");
            if (health.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            if (service.HasExited)
            {
                throw new InvalidOperationException("The service exited:\n" + service.Output);
            }
        }

        await Task.Delay(100);
    }
}
