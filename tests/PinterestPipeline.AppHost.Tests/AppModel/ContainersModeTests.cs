using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.MySql;
using PinterestPipeline.AppHost.Hosting.Common;

namespace PinterestPipeline.AppHost.Tests.AppModel;

public sealed class ContainersModeTests
{
    [Fact]
    public async Task Mysql_is_the_official_mysql_8_4_image_with_the_root_password_from_the_parameter()
    {
        await using var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Containers");
        var mysql = builder.Single<MySqlServerResource>("mysql");

        Assert.True(mysql.TryGetContainerImageName(out var image));
        Assert.Equal("docker.io/library/mysql:8.4", image);
        var endpoint = Assert.Single(mysql.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal(("tcp", 3306), (endpoint.Name, endpoint.TargetPort));
        Assert.Equal("{mysql-password.value}", (await mysql.PublishedEnvironmentAsync())["MYSQL_ROOT_PASSWORD"]);
        Assert.Equal(
            "Server={mysql.bindings.tcp.host};Port={mysql.bindings.tcp.port};User ID=root;Password={mysql-password.value}",
            mysql.ConnectionStringExpression.ValueExpression);
        Assert.True(builder.Single<ParameterResource>("mysql-password").Secret);
        Assert.Contains(mysql.Annotations.OfType<ContainerMountAnnotation>(), mount => mount.Target == "/var/lib/mysql" && mount.Type == ContainerMountType.Volume);
        Assert.Equal(["mysql_check"], mysql.HealthChecks());
    }

    [Fact]
    public async Task Pinterest_is_the_pinterest_data_database_on_mysql()
    {
        await using var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Containers");
        var pinterest = builder.Single<MySqlDatabaseResource>("pinterest");

        Assert.Equal("pinterest_data", pinterest.DatabaseName);
        Assert.Same(builder.Single<MySqlServerResource>("mysql"), pinterest.Parent);
        Assert.Equal("{mysql.connectionString};Database=pinterest_data", pinterest.ConnectionStringExpression.ValueExpression);
        Assert.Equal(["pinterest_check"], pinterest.HealthChecks());
    }

    [Fact]
    public async Task Kafka_is_confluent_local_with_the_official_listener_layout_and_the_pipeline_topics_and_streams()
    {
        await using var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Containers", "--Pipeline:TopicPartitions=3");
        var kafka = builder.Single<KafkaServerResource>("kafka");

        Assert.True(kafka.TryGetContainerImageName(out var image));
        Assert.Equal("docker.io/confluentinc/confluent-local:8.2.0", image);
        var endpoints = kafka.Annotations.OfType<EndpointAnnotation>().Select(endpoint => (endpoint.Name, endpoint.TargetPort)).ToList();
        Assert.Equal([("tcp", 9092), ("internal", 9093)], endpoints);
        Assert.Equal("{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}", kafka.ConnectionStringExpression.ValueExpression);

        var environment = await kafka.PublishedEnvironmentAsync();
        Assert.Equal(
            "PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:9092,PLAINTEXT_INTERNAL://0.0.0.0:9093",
            environment["KAFKA_LISTENERS"]);
        Assert.Equal(
            "PLAINTEXT://{kafka.bindings.tcp.host}:29092,PLAINTEXT_HOST://{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port},PLAINTEXT_INTERNAL://{kafka.bindings.internal.host}:{kafka.bindings.internal.port}",
            environment["KAFKA_ADVERTISED_LISTENERS"]);
        Assert.Equal("/var/lib/kafka/data", environment["KAFKA_LOG_DIRS"]);

        var topics = kafka.Annotations.OfType<KafkaTopicAnnotation>().Select(topic => (topic.Name.ValueExpression, topic.Partitions)).ToList();
        Assert.Equal(
            [
                ("{topic-prefix.value}.pin", 3), ("{topic-prefix.value}.geo", 3), ("{topic-prefix.value}.user", 3),
                ("streaming-{topic-prefix.value}-pin", 3), ("streaming-{topic-prefix.value}-geo", 3), ("streaming-{topic-prefix.value}-user", 3),
            ],
            topics);
        Assert.Equal(["kafka_check"], kafka.HealthChecks());
    }

    [Fact]
    public async Task Kafka_ui_and_phpmyadmin_wait_for_their_servers_and_stay_out_of_the_manifest()
    {
        await using var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Containers");
        var kafkaUi = builder.Single<KafkaUIContainerResource>("kafka-ui");
        var phpMyAdmin = builder.Single<PhpMyAdminContainerResource>("phpmyadmin");

        Assert.True(kafkaUi.TryGetContainerImageName(out var kafkaUiImage));
        Assert.Equal("docker.io/kafbat/kafka-ui:v1.5.0", kafkaUiImage);
        Assert.Equal("kafka:9093", (await kafkaUi.PublishedEnvironmentAsync())["KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS"]);
        Assert.Equal(["kafka"], kafkaUi.WaitsFor());

        Assert.True(phpMyAdmin.TryGetContainerImageName(out var phpMyAdminImage));
        Assert.Equal("docker.io/library/phpmyadmin:5.2", phpMyAdminImage);
        var environment = await phpMyAdmin.PublishedEnvironmentAsync();
        Assert.Equal(("mysql:3306", "root", "{mysql-password.value}"), (environment["PMA_HOST"], environment["PMA_USER"], environment["PMA_PASSWORD"]));
        Assert.Equal(["mysql"], phpMyAdmin.WaitsFor());

        Assert.All(new IResource[] { kafkaUi, phpMyAdmin }, resource => Assert.Contains(resource.Annotations.OfType<ManifestPublishingCallbackAnnotation>(), annotation => annotation.Callback is null));
    }

    [Fact]
    public async Task Only_the_services_run_as_local_processes()
    {
        await using var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Containers");

        Assert.Equal(AppHostModel.Services, builder.LocalProcesses());
    }
}
