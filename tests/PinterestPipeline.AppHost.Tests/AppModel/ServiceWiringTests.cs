using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using PinterestPipeline.AppHost.Hosting.Pipeline;

namespace PinterestPipeline.AppHost.Tests.AppModel;

/// <summary>What a service added to AppHost.cs later gets from one <c>.WithReference(x).WaitFor(x)</c> per resource.</summary>
public sealed class ServiceWiringTests
{
    [Theory]
    [InlineData("Containers", new[] { "mysql", "pinterest", "kafka" })]
    [InlineData("Local", new[] { "mysql", "pinterest", "kafka" })]
    [InlineData("External", new[] { "pinterest", "kafka" })]
    public async Task A_service_gets_both_connection_strings_and_the_topic_prefix_and_waits_for_both(string mode, string[] waitsFor)
    {
        await using var builder = await AppHostModel.CreateAsync(
            $"--Pipeline:Infrastructure={mode}",
            "--ConnectionStrings:pinterest=Server=db.example;Database=pinterest_data",
            "--ConnectionStrings:kafka=b-1.msk.example:9092");
        var pinterest = builder.CreateResourceBuilder((IResourceWithConnectionString)builder.Resources.Single(resource => resource.Name == "pinterest"));
        var kafka = builder.CreateResourceBuilder((IResourceWithConnectionString)builder.Resources.Single(resource => resource.Name == "kafka"));
        var topicPrefix = builder.CreateResourceBuilder(builder.Single<ParameterResource>("topic-prefix"));

        var service = builder.AddExecutable("service", "service", ".")
            .WithReference(pinterest).WaitFor(pinterest)
            .WithReference(kafka).WaitFor(kafka)
            .WithTopicPrefix(topicPrefix);

        var environment = await service.Resource.PublishedEnvironmentAsync();
        Assert.Equal("{pinterest.connectionString}", environment["ConnectionStrings__pinterest"]);
        Assert.Equal("{kafka.connectionString}", environment["ConnectionStrings__kafka"]);
        Assert.Equal("{topic-prefix.value}", environment["Pipeline__TopicPrefix"]);
        // Waiting for a database also waits for its server.
        Assert.Equal(waitsFor, service.Resource.WaitsFor());
    }
}
