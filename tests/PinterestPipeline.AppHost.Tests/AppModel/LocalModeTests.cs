using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using PinterestPipeline.AppHost.Hosting.Local;

namespace PinterestPipeline.AppHost.Tests.AppModel;

public sealed class LocalModeTests
{
    [Fact]
    public async Task Mysql_is_the_machines_server_binary_with_an_allocated_port_and_the_same_connection_string()
    {
        await using var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Local");
        var mysql = builder.Single<MySqlLocalServerResource>("mysql");

        var binaries = new MySqlServerLocator().Find();
        Assert.True(binaries is not null, MySqlServerBinaries.HowToGet);
        Assert.Equal(binaries.Server, mysql.Command);
        var endpoint = Assert.Single(mysql.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal(("tcp", null, true), (endpoint.Name, endpoint.TargetPort, endpoint.IsProxied));
        Assert.Equal(
            "Server={mysql.bindings.tcp.host};Port={mysql.bindings.tcp.port};User ID=root;Password={mysql-password.value}",
            mysql.ConnectionStringExpression.ValueExpression);
        Assert.Equal("mysql-password", mysql.PasswordParameter.Name);
        Assert.Equal(["mysql_check"], mysql.HealthChecks());
    }

    [Fact]
    public async Task Pinterest_is_a_database_resource_like_the_one_with_containers()
    {
        await using var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Local");
        var pinterest = builder.Single<MySqlLocalDatabaseResource>("pinterest");

        Assert.Same(builder.Single<MySqlLocalServerResource>("mysql"), pinterest.Parent);
        Assert.Equal("{mysql.connectionString};Database=pinterest_data", pinterest.ConnectionStringExpression.ValueExpression);
        Assert.Equal(["pinterest_check"], pinterest.HealthChecks());
    }

    [Fact]
    public async Task Kafka_is_the_devkafka_project_on_the_allocated_port_with_the_pipeline_topics_and_streams()
    {
        await using var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Local", "--Pipeline:TopicPartitions=2");
        var kafka = builder.Single<DevKafkaServerResource>("kafka");

        Assert.EndsWith("PinterestPipeline.DevKafka.csproj", kafka.GetProjectMetadata().ProjectPath, StringComparison.Ordinal);
        var endpoint = Assert.Single(kafka.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal(("tcp", "tcp"), (endpoint.Name, endpoint.UriScheme));
        Assert.Equal("{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}", kafka.ConnectionStringExpression.ValueExpression);
        Assert.Equal(
            [
                "--port={kafka.bindings.tcp.targetPort}",
                "--topic={topic-prefix.value}.pin:2",
                "--topic={topic-prefix.value}.geo:2",
                "--topic={topic-prefix.value}.user:2",
                "--topic=streaming-{topic-prefix.value}-pin:2",
                "--topic=streaming-{topic-prefix.value}-geo:2",
                "--topic=streaming-{topic-prefix.value}-user:2",
            ],
            await kafka.PublishedArgumentsAsync());
        Assert.Equal(["kafka_check"], kafka.HealthChecks());
    }

    [Fact]
    public async Task No_containers_are_declared()
    {
        await using var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Local");

        Assert.DoesNotContain(builder.Resources, resource => resource is ContainerResource);
    }
}
