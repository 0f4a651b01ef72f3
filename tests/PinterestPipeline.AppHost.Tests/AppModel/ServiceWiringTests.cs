using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using PinterestPipeline.AppHost.Hosting.Pipeline;

namespace PinterestPipeline.AppHost.Tests.AppModel;

/// <summary>The services in AppHost.cs: what each references, what it waits for, and what it is told.</summary>
public sealed class ServiceWiringTests
{
    public static TheoryData<string> Modes => new() { "Containers", "Local", "External" };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Seeder_gets_the_pinterest_database_and_waits_for_it(string mode)
    {
        await using var builder = await CreateAsync(mode);
        var seeder = builder.Single<ProjectResource>("seeder");

        var environment = await seeder.PublishedEnvironmentAsync();
        Assert.Equal("{pinterest.connectionString}", environment["ConnectionStrings__pinterest"]);
        Assert.DoesNotContain("ConnectionStrings__kafka", environment.Keys);
        Assert.Contains("pinterest", seeder.WaitsFor());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Restproxy_gets_kafka_waits_for_it_and_has_an_http_health_check(string mode)
    {
        await using var builder = await CreateAsync(mode);
        var restproxy = builder.Single<ProjectResource>("restproxy");

        var environment = await restproxy.PublishedEnvironmentAsync();
        Assert.Equal("{kafka.connectionString}", environment["ConnectionStrings__kafka"]);
        Assert.Equal(["kafka"], restproxy.WaitsFor());
        Assert.Single(restproxy.Annotations.OfType<HealthCheckAnnotation>());
        Assert.Contains(restproxy.Annotations.OfType<EndpointAnnotation>(), endpoint => endpoint.Name == "http");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Emitter_reads_pinterest_posts_to_restproxy_and_starts_after_the_seeder_finished(string mode)
    {
        await using var builder = await CreateAsync(mode);
        var emitter = builder.Single<ProjectResource>("emitter");

        var environment = await emitter.PublishedEnvironmentAsync();
        Assert.Equal("{pinterest.connectionString}", environment["ConnectionStrings__pinterest"]);
        Assert.Equal("http://restproxy", environment["Emitter__ApiBaseUrl"]);
        Assert.Equal("{restproxy.bindings.http.url}", environment["services__restproxy__http__0"]);
        Assert.Equal($"{{topic-prefix.value}}", environment["Pipeline__TopicPrefix"]);
        Assert.Equal("{emitter-seed.value}", environment["Emitter__Seed"]);
        Assert.DoesNotContain("Emitter__Target", environment.Keys);
        var waits = emitter.Annotations.OfType<WaitAnnotation>().ToDictionary(wait => wait.Resource.Name, wait => wait.WaitType);
        Assert.Equal(WaitType.WaitForCompletion, waits["seeder"]);
        Assert.Equal(WaitType.WaitUntilHealthy, waits["restproxy"]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Stream_emitter_is_the_emitter_project_putting_to_the_streams_with_the_emitters_seed_and_waits(string mode)
    {
        await using var builder = await CreateAsync(mode);
        var emitter = builder.Single<ProjectResource>("emitter");
        var streamEmitter = builder.Single<ProjectResource>("stream-emitter");

        Assert.Equal(emitter.GetProjectMetadata().ProjectPath, streamEmitter.GetProjectMetadata().ProjectPath);
        var environment = await streamEmitter.PublishedEnvironmentAsync();
        Assert.Equal("Streams", environment["Emitter__Target"]);
        // Everything else as the emitter has it: the same database, proxy, prefix and seed, so both paths get the same events.
        Assert.Equal(await emitter.PublishedEnvironmentAsync(), environment.Where(e => e.Key != "Emitter__Target"));
        Assert.Equal(
            emitter.Annotations.OfType<WaitAnnotation>().Select(wait => (wait.Resource.Name, wait.WaitType)),
            streamEmitter.Annotations.OfType<WaitAnnotation>().Select(wait => (wait.Resource.Name, wait.WaitType)));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Sink_gets_kafka_and_the_topic_prefix_and_waits_for_kafka(string mode)
    {
        await using var builder = await CreateAsync(mode);
        var sink = builder.Single<ProjectResource>("sink");

        var environment = await sink.PublishedEnvironmentAsync();
        Assert.Equal("{kafka.connectionString}", environment["ConnectionStrings__kafka"]);
        Assert.Equal("{topic-prefix.value}", environment["Pipeline__TopicPrefix"]);
        // The local bucket folder belongs to this machine: it is set in run mode only, never published.
        Assert.Equal("Local", environment["Sink__Storage"]);
        Assert.DoesNotContain("Sink__LocalPath", environment.Keys);
        Assert.Equal(["kafka"], sink.WaitsFor());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Analytics_reads_the_sinks_bucket_and_the_streams_waits_for_kafka_and_the_sink_and_has_its_command_page_link_and_health_check(string mode)
    {
        await using var builder = await CreateAsync(mode);
        var analytics = builder.Single<ProjectResource>("analytics");

        var environment = await analytics.PublishedEnvironmentAsync();
        Assert.Equal("{topic-prefix.value}", environment["Pipeline__TopicPrefix"]);
        Assert.Equal("Local", environment["Analytics__Storage"]);
        Assert.DoesNotContain("Analytics__LocalPath", environment.Keys);
        Assert.Equal(PipelineState.DeployedWarehouseFile, environment["Analytics__WarehousePath"]);
        Assert.Equal("true", environment["Analytics__Batch__RunOnStart"]);
        Assert.Equal("00:00:30", environment["Analytics__Batch__RunOnStartDelay"]);
        Assert.Equal("{kafka.connectionString}", environment["ConnectionStrings__kafka"]);
        Assert.Equal(["kafka", "sink"], analytics.WaitsFor());
        Assert.Single(analytics.Annotations.OfType<HealthCheckAnnotation>());
        var command = Assert.Single(analytics.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name == "run-batch");
        Assert.Equal("Run batch now", command.DisplayName);

        // The dashboard's link to the results page is the http endpoint's URL (the page is at /), named so.
        var endpoint = new EndpointReference(analytics, "http");
        var urls = new List<ResourceUrlAnnotation> { new() { Url = "http://localhost:5090", Endpoint = endpoint } };
        var context = new ResourceUrlsCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), analytics, urls);
        foreach (var callback in analytics.Annotations.OfType<ResourceUrlsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        Assert.Equal(("http://localhost:5090", "Results page"), (Assert.Single(urls).Url, urls[0].DisplayText));
    }

    [Fact]
    public async Task An_s3_bucket_reaches_the_sink_and_analytics_with_the_same_settings()
    {
        await using var builder = await AppHostModel.CreateAsync(
            "--Pipeline:Infrastructure=External", "--ConnectionStrings:pinterest=Server=db;Database=pinterest_data", "--ConnectionStrings:kafka=b:9092",
            "--Pipeline:Storage=S3", "--Pipeline:S3:BucketName=user-0a1b2c3d4e5f-bucket", "--Pipeline:S3:Region=eu-west-2",
            "--Pipeline:S3:ServiceUrl=http://127.0.0.1:4568", "--Pipeline:S3:ForcePathStyle=true");

        foreach (var (name, section) in new[] { ("sink", "Sink"), ("analytics", "Analytics") })
        {
            var environment = await builder.Single<ProjectResource>(name).PublishedEnvironmentAsync();
            Assert.Equal(
                [("Storage", "S3"), ("S3__BucketName", "user-0a1b2c3d4e5f-bucket"), ("S3__Region", "eu-west-2"), ("S3__ServiceUrl", "http://127.0.0.1:4568"), ("S3__ForcePathStyle", "true")],
                environment.Where(e => e.Key.StartsWith(section + "__S", StringComparison.Ordinal)).Select(e => (e.Key[(section.Length + 2)..], e.Value)));
        }
    }

    private static Task<Aspire.Hosting.Testing.IDistributedApplicationTestingBuilder> CreateAsync(string mode) =>
        AppHostModel.CreateAsync(
            $"--Pipeline:Infrastructure={mode}",
            "--ConnectionStrings:pinterest=Server=db.example;Database=pinterest_data",
            "--ConnectionStrings:kafka=b-1.msk.example:9092");
}
