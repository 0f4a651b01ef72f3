using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.AppHost.Tests.AppModel;

public sealed class ExternalModeTests
{
    [Fact]
    public async Task Pinterest_and_kafka_are_connection_strings_from_configuration_and_nothing_is_started()
    {
        await using var builder = await AppHostModel.CreateAsync(
            "--Pipeline:Infrastructure=External",
            "--ConnectionStrings:pinterest=Server=db.example;Database=pinterest_data",
            "--ConnectionStrings:kafka=b-1.msk.example:9092");

        foreach (var name in new[] { "pinterest", "kafka" })
        {
            var resource = Assert.Single(builder.Resources, resource => resource.Name == name);
            var connectionString = Assert.IsAssignableFrom<IResourceWithConnectionString>(resource);
            Assert.Equal($"{{{name}.connectionString}}", connectionString.ConnectionStringExpression.ValueExpression);
        }

        Assert.DoesNotContain(builder.Resources, resource => resource is ContainerResource);
        Assert.Equal(AppHostModel.Services, builder.LocalProcesses());
        Assert.DoesNotContain(builder.Resources, resource => resource.Name == "mysql");
        // The topics and streams of an existing cluster are its operator's job (as on MSK): none is declared.
        Assert.DoesNotContain(builder.Resources, resource => resource.Annotations.OfType<PinterestPipeline.AppHost.Hosting.Kafka.KafkaTopicAnnotation>().Any());
    }
}
