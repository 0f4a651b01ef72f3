extern alias seeder;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using PinterestPipeline.TestSupport;
using seeder::PinterestPipeline.Seeder.Data;

// The batch job's speed: usage
//   AnalyticsBench [one-record objects = 100000] [records in 1000-record objects = 100000] [read_json sample = 3000]
// Buckets are written from the seeder's rows at random offsets (as the emitter draws them). The service runs as its own
// process (Release build, as deployed); each run is timed by the service's own start and end times in its run record.
// Baselines in the same run: a plain parallel read + JSON parse of the same files, and DuckDB's read_json over a glob.
var objects = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var bigRecords = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var sample = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3_000;
const string Prefix = "bench";
string[] suffixes = ["pin", "geo", "user"];

var root = Path.Combine(Path.GetTempPath(), $"analytics-bench-{Environment.ProcessId}");
Directory.CreateDirectory(root);
try
{
    var data = SeedDataGenerator.Generate();
    var random = new Random(42);
    var small = Path.Combine(root, "small");
    var clock = Stopwatch.StartNew();
    WriteOneRecordObjects(small, data, random, objects, firstOffset: 0);
    Console.WriteLine($"wrote {objects:N0} one-record objects in {clock.Elapsed.TotalSeconds:0.0} s");
    var files = Directory.GetFiles(Path.Combine(small, "topics"), "*.json", SearchOption.AllDirectories);

    var (readParse, records) = ReadAndParse(files);
    var readJson = DuckDbReadJson(files.Where(f => f.Contains($"{Prefix}.pin", StringComparison.Ordinal)).Take(sample).ToArray(), Path.Combine(root, "sample"));

    var full = await RunServiceAsync(small, Path.Combine(root, "small.duckdb"), afterFirst: () => WriteOneRecordObjects(small, data, random, 1_000, firstOffset: objects / 3 + 1));

    var big = Path.Combine(root, "big");
    WriteBigObjects(big, data, random, bigRecords, 1_000);
    var bigRun = await RunServiceAsync(big, Path.Combine(root, "big.duckdb"), afterFirst: null);

    Console.WriteLine();
    Console.WriteLine("| what | objects | records | time (s) | objects/s | records/s |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    Line("baseline: parallel read + JSON parse (.NET), one-record objects", files.Length, records, readParse);
    Line($"baseline: DuckDB read_json over a glob of {readJson.Files:N0} one-record files", readJson.Files, readJson.Files, readJson.Time);
    Line("batch load (list, read, clean, write), one-record objects", full.First.Objects, full.First.Records, full.First.LoadTime);
    Line("batch run, one-record objects (the load and the 9 queries)", full.First.Objects, full.First.Records, full.First.Time);
    Line("incremental run after 1,000 new one-record objects", full.Second!.Objects, full.Second.Records, full.Second.Time);
    Line("batch load, 1,000-record objects", bigRun.First.Objects, bigRun.First.Records, bigRun.First.LoadTime);
    Line("batch run, 1,000-record objects", bigRun.First.Objects, bigRun.First.Records, bigRun.First.Time);
    Console.WriteLine();
    Console.WriteLine($"peak RSS of the service: {full.PeakRssMb:0} MB (one-record bucket, both runs), {bigRun.PeakRssMb:0} MB (1,000-record objects)");
    return 0;
}
finally
{
    Directory.Delete(root, recursive: true);
}

void Line(string what, long objectCount, long recordCount, TimeSpan time) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {what} | {objectCount:N0} | {recordCount:N0} | {time.TotalSeconds:0.000} | {objectCount / time.TotalSeconds:N0} | {recordCount / time.TotalSeconds:N0} |"));

// pin, geo and user objects in turn, as the sink writes an event's three records; offsets continue per topic.
void WriteOneRecordObjects(string bucket, SeedData data, Random random, int count, long firstOffset)
{
    var jobs = new List<(string Path, string Json)>(count);
    for (var i = 0; i < count; i++)
    {
        var suffix = suffixes[i % 3];
        var offset = firstOffset + i / 3;
        var row = random.Next(0, data.Rows);
        jobs.Add((KeyPath(bucket, suffix, offset), Json(data, suffix, row)));
    }

    foreach (var folder in jobs.Select(j => Path.GetDirectoryName(j.Path)!).Distinct())
    {
        Directory.CreateDirectory(folder);
    }

    Parallel.ForEach(jobs, job => File.WriteAllText(job.Path, job.Json + "\n"));
}

void WriteBigObjects(string bucket, SeedData data, Random random, int totalRecords, int perObject)
{
    for (var i = 0; i < totalRecords / perObject; i++)
    {
        var suffix = suffixes[i % 3];
        var offset = (long)(i / 3) * perObject;
        var path = KeyPath(bucket, suffix, offset);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder();
        for (var r = 0; r < perObject; r++)
        {
            text.Append(Json(data, suffix, random.Next(0, data.Rows))).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }
}

string KeyPath(string bucket, string suffix, long offset) =>
    Path.Combine(bucket, "topics", $"{Prefix}.{suffix}", "partition=0", string.Create(CultureInfo.InvariantCulture, $"{Prefix}.{suffix}+0+{offset:D10}.json"));

static string Json(SeedData data, string suffix, int row)
{
    var values = suffix switch
    {
        "pin" => data.Pins[row].Values,
        "geo" => data.Geos[row].Values,
        _ => data.Users[row].Values,
    };
    var names = suffix switch
    {
        "pin" => new[] { "index", "unique_id", "title", "description", "poster_name", "follower_count", "tag_list", "is_image_or_video", "image_src", "downloaded", "save_location", "category" },
        "geo" => ["ind", "timestamp", "latitude", "longitude", "country"],
        _ => ["ind", "first_name", "last_name", "age", "date_joined"],
    };
    using var stream = new MemoryStream();
    using (var writer = new Utf8JsonWriter(stream))
    {
        writer.WriteStartObject();
        for (var i = 0; i < names.Length; i++)
        {
            switch (values[i])
            {
                case int number:
                    writer.WriteNumber(names[i], number);
                    break;
                case float number:
                    writer.WritePropertyName(names[i]);
                    writer.WriteRawValue(number.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case DateTime time:
                    writer.WriteString(names[i], time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                    break;
                default:
                    writer.WriteString(names[i], (string)values[i]);
                    break;
            }
        }

        writer.WriteEndObject();
    }

    return Encoding.UTF8.GetString(stream.ToArray());
}

static (TimeSpan Time, long Records) ReadAndParse(string[] files)
{
    var clock = Stopwatch.StartNew();
    long records = 0;
    Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 16 }, file =>
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        Interlocked.Increment(ref records);
    });
    return (clock.Elapsed, records);
}

static (TimeSpan Time, int Files) DuckDbReadJson(string[] files, string folder)
{
    Directory.CreateDirectory(folder);
    foreach (var file in files)
    {
        File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
    }

    using var connection = new DuckDBConnection("Data Source=:memory:;autoinstall_known_extensions=false;autoload_known_extensions=false");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = $"SELECT count(*) FROM read_json('{folder}/*.json')";
    var clock = Stopwatch.StartNew();
    var count = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    return (clock.Elapsed, count);
}

static async Task<(RunTime First, RunTime? Second, double PeakRssMb)> RunServiceAsync(string bucket, string warehouse, Action? afterFirst)
{
    var port = FreePort.Next();
    using var service = ServiceProcess.Start("PinterestPipeline.Analytics", new Dictionary<string, string?>
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["Pipeline:TopicPrefix"] = Prefix,
        ["Analytics:Storage"] = "Local",
        ["Analytics:LocalPath"] = bucket,
        ["Analytics:WarehousePath"] = warehouse,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:PinterestPipeline.Analytics.Batch.BatchJob"] = "Information",
    });
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    while (true)
    {
        try
        {
            using var health = await http.GetAsync("/health");
            if (health.IsSuccessStatusCode)
            {
                break;
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

    var first = await RunAsync(http, service);
    RunTime? second = null;
    if (afterFirst is not null)
    {
        afterFirst();
        second = await RunAsync(http, service);
    }

    var status = await File.ReadAllLinesAsync($"/proc/{service.Id}/status");
    var peakKb = double.Parse(status.Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    service.Kill();
    return (first, second, peakKb / 1024);
}

static async Task<RunTime> RunAsync(HttpClient http, ServiceProcess service)
{
    using var post = await http.PostAsync("/api/batch/runs", null);
    var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    while (true)
    {
        var run = await http.GetFromJsonAsync<JsonElement>($"/api/batch/runs/{id}");
        switch (run.GetProperty("status").GetString())
        {
            case "Running":
                await Task.Delay(5);
                continue;
            case "Succeeded":
                // The service's log line "Batch run <id> loaded <n> objects (<m> records) in <s> s" gives the load's own time.
                var loaded = service.Output.Split('\n').Last(l => l.Contains($"Batch run {id} loaded", StringComparison.Ordinal));
                var seconds = double.Parse(loaded[(loaded.LastIndexOf(" in ", StringComparison.Ordinal) + 4)..].Split(' ')[0], CultureInfo.InvariantCulture);
                return new RunTime(
                    run.GetProperty("endedAt").GetDateTimeOffset() - run.GetProperty("startedAt").GetDateTimeOffset(),
                    TimeSpan.FromSeconds(seconds),
                    run.GetProperty("objectsRead").GetInt64(),
                    run.GetProperty("recordsRead").GetInt64());
            default:
                throw new InvalidOperationException($"Run {id} failed: {run}\n{service.Output}");
        }
    }
}

internal sealed record RunTime(TimeSpan Time, TimeSpan LoadTime, long Objects, long Records);
