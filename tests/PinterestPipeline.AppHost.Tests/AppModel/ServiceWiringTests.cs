using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

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
        Assert.DoesNotContain("Sink__LocalPath", environment.Keys);
        Assert.Equal(["kafka"], sink.WaitsFor());
    }

    private static Task<Aspire.Hosting.Testing.IDistributedApplicationTestingBuilder> CreateAsync(string mode) =>
        AppHostModel.CreateAsync(
            $"--Pipeline:Infrastructure={mode}",
            "--ConnectionStrings:pinterest=Server=db.example;Database=pinterest_data",
            "--ConnectionStrings:kafka=b-1.msk.example:9092");
}
