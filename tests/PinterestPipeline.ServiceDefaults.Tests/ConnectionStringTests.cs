using Microsoft.Extensions.Hosting;

namespace PinterestPipeline.ServiceDefaults.Tests;

public sealed class ConnectionStringTests
{
    public static TheoryData<string?> MissingValues => new() { null, "", "   " };

    [Theory]
    [MemberData(nameof(MissingValues))]
    public void Kafka_producer_without_a_connection_string_names_the_key_to_set(string? value)
    {
        var builder = TestHost.CreateBuilder(("ConnectionStrings:kafka", value));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddKafkaProducer<string, string>("kafka"));

        Assert.Contains("ConnectionStrings:kafka", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__kafka", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MissingValues))]
    public void Kafka_consumer_without_a_connection_string_names_the_key_to_set(string? value)
    {
        var builder = TestHost.CreateBuilder(("ConnectionStrings:kafka", value), ("Aspire:Confluent:Kafka:Consumer:Config:GroupId", "g"));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddKafkaConsumer<string, string>("kafka"));

        Assert.Contains("ConnectionStrings:kafka", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MissingValues))]
    public void MySql_data_source_without_a_connection_string_names_the_key_to_set(string? value)
    {
        var builder = TestHost.CreateBuilder(("ConnectionStrings:pinterest", value));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddMySqlDataSource("pinterest"));

        Assert.Contains("ConnectionStrings:pinterest", error.Message, StringComparison.Ordinal);
    }
}
