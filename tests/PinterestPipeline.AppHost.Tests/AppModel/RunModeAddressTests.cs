using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.MySql;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PinterestPipeline.AppHost.Tests.AppModel;

/// <summary>
/// What each component is given in run mode, with endpoints allocated on the host network and on Aspire's container
/// network as the orchestrator allocates them (<see cref="RunModeNetworks"/>): every address must be one the component
/// can connect to from where it runs. Publish-mode expressions (the other app-model tests) cannot show this.
/// </summary>
public sealed class RunModeAddressTests
{
    // Variables that name where a process itself listens, not where it connects to.
    private static readonly string[] ListenerVariables = ["ASPNETCORE_URLS", "HTTP_PORTS", "HTTPS_PORTS", "KAFKA_LISTENERS"];

    [Fact]
    public async Task Kafka_advertises_the_allocated_host_port_to_host_processes_and_its_name_and_target_port_to_containers()
    {
        await using var model = await RunModeModel.CreateAsync("Containers");
        var kafka = model.Single<KafkaServerResource>("kafka");

        var advertised = Listeners((await model.Networks.EnvironmentAsync(kafka))["KAFKA_ADVERTISED_LISTENERS"]);

        // PLAINTEXT_HOST is what processes on the host are sent to after they bootstrap: the published port of "tcp".
        Assert.Equal($"localhost:{model.Networks.HostPort("kafka", "tcp")}", advertised["PLAINTEXT_HOST"]);
        Assert.Contains(advertised["PLAINTEXT_HOST"], model.Networks.ReachableFrom(model.Single<ProjectResource>("restproxy")));
        // PLAINTEXT_INTERNAL is what containers (Kafka UI) are sent to: the resource name and the internal target port.
        Assert.Equal("kafka:9093", advertised["PLAINTEXT_INTERNAL"]);
        Assert.Contains(advertised["PLAINTEXT_INTERNAL"], model.Networks.ReachableFrom(model.Single<KafkaUIContainerResource>("kafka-ui")));
        // PLAINTEXT is the broker's own loopback listener inside the container, as in the image's defaults.
        Assert.Equal("localhost:29092", advertised["PLAINTEXT"]);
    }

    [Fact]
    public async Task Kafka_ui_and_phpmyadmin_are_given_container_network_addresses()
    {
        await using var model = await RunModeModel.CreateAsync("Containers");
        var kafkaUi = model.Single<KafkaUIContainerResource>("kafka-ui");
        var phpMyAdmin = model.Single<PhpMyAdminContainerResource>("phpmyadmin");

        var kafkaUiEnvironment = await model.Networks.EnvironmentAsync(kafkaUi);
        Assert.Equal("kafka:9093", kafkaUiEnvironment["KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS"]);
        Assert.Contains("kafka:9093", model.Networks.ReachableFrom(kafkaUi));

        var phpMyAdminEnvironment = await model.Networks.EnvironmentAsync(phpMyAdmin);
        Assert.Equal("mysql:3306", phpMyAdminEnvironment["PMA_HOST"]);
        Assert.Contains("mysql:3306", model.Networks.ReachableFrom(phpMyAdmin));
        Assert.Equal("model-test-password", phpMyAdminEnvironment["PMA_PASSWORD"]);
    }

    [Theory]
    [InlineData("Containers")]
    [InlineData("Local")]
    public async Task Every_address_given_to_every_component_is_reachable_from_where_it_runs(string mode)
    {
        await using var model = await RunModeModel.CreateAsync(mode);

        var unreachable = new List<string>();
        var checkedAddresses = 0;
        foreach (var resource in model.Resources.OfType<IResourceWithEnvironment>())
        {
            var reachable = model.Networks.ReachableFrom(resource);
            foreach (var (name, value) in await model.Networks.EnvironmentAsync(resource))
            {
                if (ListenerVariables.Contains(name) || name.StartsWith("OTEL_", StringComparison.Ordinal) || name == "KAFKA_ADVERTISED_LISTENERS")
                {
                    continue;
                }

                foreach (var address in RunModeNetworks.AddressesIn(value))
                {
                    checkedAddresses++;
                    if (!reachable.Contains(address))
                    {
                        unreachable.Add($"{resource.Name} ({(resource.IsContainer() ? "container" : "host process")}): {name}={value}");
                    }
                }
            }
        }

        Assert.Empty(unreachable);
        // The services' connection strings and service-discovery URLs at least (a parser that finds nothing proves nothing).
        Assert.True(checkedAddresses >= 10, $"only {checkedAddresses} addresses found");
    }

    [Fact]
    public async Task Host_processes_get_the_host_addresses_of_kafka_and_mysql()
    {
        await using var model = await RunModeModel.CreateAsync("Containers");
        var kafkaPort = model.Networks.HostPort("kafka", "tcp");
        var mysqlPort = model.Networks.HostPort("mysql", "tcp");

        var restproxy = await model.Networks.EnvironmentAsync(model.Single<ProjectResource>("restproxy"));
        Assert.Equal($"localhost:{kafkaPort}", restproxy["ConnectionStrings__kafka"]);
        var seeder = await model.Networks.EnvironmentAsync(model.Single<ProjectResource>("seeder"));
        Assert.Equal(
            $"Server=localhost;Port={mysqlPort};User ID=root;Password=model-test-password;Database=pinterest_data",
            seeder["ConnectionStrings__pinterest"]);

        // The AppHost is a host process too: its topic creation, database creation and health checks use these.
        Assert.Equal($"localhost:{kafkaPort}", await model.Single<KafkaServerResource>("kafka").ConnectionStringExpression.GetValueAsync(default));
        Assert.Equal(
            $"Server=localhost;Port={mysqlPort};User ID=root;Password=model-test-password",
            await model.Single<MySqlServerResource>("mysql").ConnectionStringExpression.GetValueAsync(default));
    }

    /// <summary><c>NAME://host:port,...</c> as a map from listener name to <c>host:port</c>.</summary>
    private static Dictionary<string, string> Listeners(string value) =>
        value.Split(',').Select(listener => listener.Split("://")).ToDictionary(parts => parts[0], parts => parts[1]);

    /// <summary>
    /// The real AppHost's model in run mode, not started, with its endpoints allocated. The environment callbacks get
    /// the AppHost's services as the orchestrator's execution context carries them.
    /// </summary>
    private sealed class RunModeModel : IAsyncDisposable
    {
        private readonly IDistributedApplicationTestingBuilder builder;
        private readonly ServiceProvider services;

        private RunModeModel(IDistributedApplicationTestingBuilder builder)
        {
            this.builder = builder;
            services = builder.Services.BuildServiceProvider();
            var executionContext = new DistributedApplicationExecutionContext(
                new DistributedApplicationExecutionContextOptions(DistributedApplicationOperation.Run) { Services = services });
            Networks = RunModeNetworks.Allocate(executionContext, builder.Resources);
        }

        public IResourceCollection Resources => builder.Resources;

        public RunModeNetworks Networks { get; }

        public static async Task<RunModeModel> CreateAsync(string mode) =>
            new(await AppHostModel.CreateAsync($"--Pipeline:Infrastructure={mode}"));

        public T Single<T>(string name)
            where T : IResource =>
            builder.Single<T>(name);

        public async ValueTask DisposeAsync()
        {
            await services.DisposeAsync();
            await builder.DisposeAsync();
        }
    }
}
