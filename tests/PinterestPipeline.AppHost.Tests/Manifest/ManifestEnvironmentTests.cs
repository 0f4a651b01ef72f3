using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Confluent.Kafka;
using MySqlConnector;
using PinterestPipeline.AppHost.Tests.AppModel;
using PinterestPipeline.TestSupport;
using PinterestPipeline.TestSupport.Kafka;
using PinterestPipeline.TestSupport.MySql;
using PinterestPipeline.TestSupport.S3;

namespace PinterestPipeline.AppHost.Tests.Manifest;

/// <summary>
/// A deployment made from the manifest, as far as it can be made here: the manifest is written by the AppHost, each
/// project's environment is resolved from it the way a deployment tool resolves it (parameters given test values, the
/// bucket pointed at s3rver through <c>Pipeline:S3:ServiceUrl</c> at publish time, the <c>mysql</c> and <c>kafka</c>
/// bindings at a real MariaDB and a real Kafka-protocol broker), and every service is started as a process with exactly
/// that environment (no launch profile, <c>DOTNET_ENVIRONMENT=Production</c>). Each must start and do its work.
/// What cannot run here is the containers: MariaDB stands for the <c>mysql</c> container (the database the image makes
/// from <c>MYSQL_DATABASE</c> is created as the image would), DevKafka for the <c>kafka</c> container (the topics and
/// streams are created as whoever runs the broker would create them).
/// </summary>
public sealed class ManifestEnvironmentTests : IClassFixture<MySqlFixture>, IClassFixture<KafkaFixture>, IClassFixture<S3rverFixture>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);
    private static readonly string[] Suffixes = ["pin", "geo", "user"];

    private readonly MySqlFixture mysql;
    private readonly KafkaFixture kafka;
    private readonly S3rverFixture s3;
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("pp-manifest-env-");
    private readonly List<(string Name, Process Process, StringBuilder Output)> services = [];

    public ManifestEnvironmentTests(MySqlFixture mysql, KafkaFixture kafka, S3rverFixture s3)
    {
        this.mysql = mysql;
        this.kafka = kafka;
        this.s3 = s3;
    }

    [Fact]
    public async Task Every_service_starts_from_the_manifests_own_environment_and_does_its_work()
    {
        var prefix = UniqueName.For("mf").Replace("-", "", StringComparison.Ordinal);
        var bucketName = $"user-{prefix}-bucket";
        using var s3Client = new AmazonS3Client(new BasicAWSCredentials(S3rverFixture.AccessKeyId, S3rverFixture.SecretAccessKey),
            new AmazonS3Config { ServiceURL = s3.ServiceUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await s3Client.PutBucketAsync(bucketName);
        foreach (var suffix in Suffixes)
        {
            kafka.Broker.CreateTopic($"{prefix}.{suffix}", 1);
            kafka.Broker.CreateTopic($"streaming-{prefix}-{suffix}", 1);
        }

        var manifestPath = Path.Combine(folder.FullName, "aspire-manifest.json");
        var publish = await AppHostProcess.RunAsync(Bound, null, "--publisher", "manifest", "--output-path", manifestPath,
            "--Pipeline:S3:ServiceUrl", s3.ServiceUrl.ToString(), "--Pipeline:S3:ForcePathStyle", "true");
        Assert.True(publish.ExitCode == 0, publish.Output);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(manifestPath));
        var resources = manifest.RootElement.GetProperty("resources");

        // The mysql container's image creates MYSQL_DATABASE on its first start; MariaDB stands for it here.
        var database = resources.GetProperty("mysql").GetProperty("env").GetProperty("MYSQL_DATABASE").GetString();
        Assert.Equal("pinterest_data", database);
        await mysql.Server.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS `{database}`");

        var warehouse = Path.Combine(folder.FullName, "warehouse", "analytics.duckdb");
        var environment = new ManifestEnvironment(
            resources,
            new Dictionary<string, string>
            {
                ["topic-prefix"] = prefix,
                ["mysql-password"] = MySqlTestServer.RootPassword,
                ["emitter-seed"] = "100",
                ["s3-bucket"] = bucketName,
                ["aws-region"] = "us-east-1",
                ["aws-access-key-id"] = S3rverFixture.AccessKeyId,
                ["aws-secret-access-key"] = S3rverFixture.SecretAccessKey,
                ["analytics-warehouse-path"] = warehouse,
            },
            new Dictionary<string, (string Host, int Port)>
            {
                ["mysql.tcp"] = ("127.0.0.1", mysql.Server.Port),
                ["kafka.tcp"] = ("127.0.0.1", kafka.Broker.Port),
                ["kafka.internal"] = ("127.0.0.1", kafka.Broker.Port),
                ["restproxy.http"] = ("localhost", FreePort.Next()),
                ["restproxy.https"] = ("localhost", FreePort.Next()),
                ["analytics.http"] = ("localhost", FreePort.Next()),
                ["analytics.https"] = ("localhost", FreePort.Next()),
            });

        // Every project of the manifest, with nothing but its resolved environment.
        var projects = resources.EnumerateObject().Where(r => r.Value.GetProperty("type").GetString() == "project.v0").Select(r => r.Name).ToList();
        Assert.Equal(AppHostModel.Services, projects.Order());
        var paths = projects.ToDictionary(name => name, name => Path.GetFullPath(resources.GetProperty(name).GetProperty("path").GetString()!, folder.FullName));

        var seeder = Start("seeder", paths["seeder"], environment.For("seeder"));
        await seeder.WaitForExitAsync(new CancellationTokenSource(Bound).Token);
        Assert.True(seeder.ExitCode == 0, $"seeder exited with {seeder.ExitCode}:\n{OutputOf("seeder")}");

        foreach (var name in new[] { "restproxy", "sink", "analytics", "emitter", "stream-emitter" })
        {
            Start(name, paths[name], environment.For(name));
        }

        using var http = new HttpClient();
        await UntilAsync("restproxy /health is 200", async () => await IsHealthyAsync(http, environment.Resolve("{restproxy.bindings.http.url}")));
        await UntilAsync("analytics /health is 200", async () => await IsHealthyAsync(http, environment.Resolve("{analytics.bindings.http.url}")));

        // The emitter posts through the proxy, the sink lands every record in the bucket: an object of each topic in S3.
        await UntilAsync("the sink wrote an object of each topic to the bucket", async () =>
        {
            var listed = await s3Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucketName, Prefix = "topics/" });
            return Suffixes.All(suffix => (listed.S3Objects ?? []).Any(o => o.Key.StartsWith($"topics/{prefix}.{suffix}/", StringComparison.Ordinal)));
        });

        // The stream-emitter puts to the streams through the proxy.
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = prefix }).Build();
        await UntilAsync("each stream holds a record", () => Task.FromResult(Suffixes.All(suffix =>
            consumer.QueryWatermarkOffsets(new TopicPartition($"streaming-{prefix}-{suffix}", 0), TimeSpan.FromSeconds(5)).High > 0)));

        // Analytics loads the bucket from S3 into the warehouse at the manifest's path.
        await UntilAsync("analytics' warehouse exists at analytics-warehouse-path", () => Task.FromResult(File.Exists(warehouse)));

        Assert.All(services, service => Assert.True(service.Name == "seeder" || !service.Process.HasExited, $"{service.Name} exited:\n{OutputOf(service.Name)}"));
        Assert.All(services, service => Assert.DoesNotContain("   at ", OutputOf(service.Name), StringComparison.Ordinal));
    }

    public void Dispose()
    {
        foreach (var (_, process, _) in services)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        folder.Delete(recursive: true);
    }

    private Process Start(string name, string projectPath, Dictionary<string, string> environment)
    {
        var configuration = typeof(ManifestEnvironmentTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--project", projectPath, "--no-build", "-c", configuration, "--no-launch-profile" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test process's own Aspire and OpenTelemetry settings must not leak in: only the manifest's.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        services.Add((name, process, output));
        return process;
    }

    private string OutputOf(string name)
    {
        var output = services.Single(s => s.Name == name).Output;
        lock (output)
        {
            return output.ToString();
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http, string baseUrl)
    {
        try
        {
            return (await http.GetAsync(new Uri(new Uri(baseUrl), "/health"))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private Task UntilAsync(string what, Func<Task<bool>> done) =>
        Eventually.TrueAsync(
            async () =>
            {
                if (await done())
                {
                    return true;
                }

                var exited = services.FirstOrDefault(s => s.Name != "seeder" && s.Process.HasExited);
                if (exited.Process is not null)
                {
                    Assert.Fail($"Waiting until {what}: {exited.Name} exited with {exited.Process.ExitCode}:\n{OutputOf(exited.Name)}");
                }

                return false;
            },
            Bound,
            () => $"Not within {Bound.TotalMinutes:0} minutes: {what}.\n" + string.Join("\n", services.Select(s => $"--- {s.Name}:\n{Tail(OutputOf(s.Name))}")),
            TimeSpan.FromMilliseconds(500));

    private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];
}
