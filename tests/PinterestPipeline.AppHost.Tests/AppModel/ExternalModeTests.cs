using Aspire.Hosting;
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
        Assert.DoesNotContain(builder.Resources, resource => resource.Annotations.OfType<PinterestPipeline.AppHost.Hosting.Common.KafkaTopicAnnotation>().Any());
    }

    [Fact]
    public async Task Each_connection_string_has_its_format_as_the_parameters_description()
    {
        await using var builder = await AppHostModel.CreateAsync(
            "--Pipeline:Infrastructure=External",
            "--ConnectionStrings:pinterest=Server=db.example;Database=pinterest_data",
            "--ConnectionStrings:kafka=b-1.msk.example:9092");

        var pinterest = Assert.IsAssignableFrom<ParameterResource>(Assert.Single(builder.Resources, r => r.Name == "pinterest"));
        var kafka = Assert.IsAssignableFrom<ParameterResource>(Assert.Single(builder.Resources, r => r.Name == "kafka"));

        Assert.StartsWith("ConnectionStrings:pinterest: a MySQL connection string", pinterest.Description, StringComparison.Ordinal);
        Assert.Contains("Server=<host>;Port=3306;User ID=<user>;Password=<password>;Database=pinterest_data", pinterest.Description, StringComparison.Ordinal);
        Assert.StartsWith("ConnectionStrings:kafka: the Kafka bootstrap servers, host:port", kafka.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "ConnectionStrings:pinterest and ConnectionStrings:kafka are not set")]
    [InlineData("Server=db.example;Database=pinterest_data", null, "ConnectionStrings:kafka is not set")]
    [InlineData(null, "b-1.msk.example:9092", "ConnectionStrings:pinterest is not set")]
    public async Task A_missing_connection_string_stops_the_model_naming_each_missing_key_and_its_format(string? pinterest, string? kafka, string expected)
    {
        string[] args = ["--Pipeline:Infrastructure=External",
            .. pinterest is null ? Array.Empty<string>() : [$"--ConnectionStrings:pinterest={pinterest}"],
            .. kafka is null ? Array.Empty<string>() : [$"--ConnectionStrings:kafka={kafka}"]];

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => AppHostModel.CreateAsync(args));

        Assert.Contains($"Pipeline:Infrastructure is External, but {expected}.", error.Message, StringComparison.Ordinal);
        if (pinterest is null)
        {
            Assert.Contains("ConnectionStrings:pinterest is a MySQL connection string", error.Message, StringComparison.Ordinal);
        }

        if (kafka is null)
        {
            Assert.Contains("ConnectionStrings:kafka is the Kafka bootstrap servers, host:port", error.Message, StringComparison.Ordinal);
        }

        Assert.Contains("dotnet user-secrets set ConnectionStrings:", error.Message, StringComparison.Ordinal);
    }
}
