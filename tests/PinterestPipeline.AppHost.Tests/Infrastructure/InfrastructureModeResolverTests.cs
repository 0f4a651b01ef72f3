using Aspire.Hosting;
using PinterestPipeline.AppHost.Hosting.Infrastructure;
using PinterestPipeline.AppHost.Hosting.Local;

namespace PinterestPipeline.AppHost.Tests.Infrastructure;

public sealed class InfrastructureModeResolverTests
{
    private static readonly MySqlServerBinaries MariaDb = new("/usr/sbin/mariadbd", "/usr/bin/mariadb-install-db");

    [Fact]
    public async Task Auto_with_a_container_runtime_that_answers_picks_containers()
    {
        var resolver = new InfrastructureModeResolver(new StubContainerRuntimeProbe(isAvailable: true), new StubMySqlServerLocator(MariaDb));

        var decision = await resolver.ResolveAsync(InfrastructureMode.Auto, isPublishMode: false, CancellationToken.None);

        Assert.Equal(InfrastructureMode.Containers, decision.Mode);
        Assert.Contains("docker info", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_without_a_container_runtime_but_with_a_server_binary_picks_local()
    {
        var resolver = new InfrastructureModeResolver(new StubContainerRuntimeProbe(isAvailable: false), new StubMySqlServerLocator(MariaDb));

        var decision = await resolver.ResolveAsync(InfrastructureMode.Auto, isPublishMode: false, CancellationToken.None);

        Assert.Equal(InfrastructureMode.Local, decision.Mode);
        Assert.Contains("docker: not installed", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("/usr/sbin/mariadbd", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_with_neither_stops_with_what_to_install_or_set()
    {
        var resolver = new InfrastructureModeResolver(new StubContainerRuntimeProbe(isAvailable: false), new StubMySqlServerLocator(null));

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(
            () => resolver.ResolveAsync(InfrastructureMode.Auto, isPublishMode: false, CancellationToken.None));

        Assert.Contains("Docker or Podman", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y mariadb-server", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pipeline:Infrastructure=External", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InfrastructureMode.Local)]
    [InlineData(InfrastructureMode.External)]
    public async Task An_explicit_mode_without_containers_is_used_without_probing(InfrastructureMode requested)
    {
        var runtime = new StubContainerRuntimeProbe(isAvailable: true);
        var resolver = new InfrastructureModeResolver(runtime, new StubMySqlServerLocator(null));

        var decision = await resolver.ResolveAsync(requested, isPublishMode: false, CancellationToken.None);

        Assert.Equal(requested, decision.Mode);
        Assert.Equal(0, runtime.Calls);
    }

    [Fact]
    public async Task Containers_with_a_runtime_that_answers_is_used()
    {
        var resolver = new InfrastructureModeResolver(new StubContainerRuntimeProbe(isAvailable: true), new StubMySqlServerLocator(null));

        var decision = await resolver.ResolveAsync(InfrastructureMode.Containers, isPublishMode: false, CancellationToken.None);

        Assert.Equal(InfrastructureMode.Containers, decision.Mode);
    }

    [Fact]
    public async Task Containers_without_a_runtime_stops_with_what_to_start_or_which_mode_to_choose()
    {
        var resolver = new InfrastructureModeResolver(new StubContainerRuntimeProbe(isAvailable: false), new StubMySqlServerLocator(MariaDb));

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(
            () => resolver.ResolveAsync(InfrastructureMode.Containers, isPublishMode: false, CancellationToken.None));

        Assert.Contains("docker: not installed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Start Docker or Podman", error.Message, StringComparison.Ordinal);
        Assert.Contains("--Pipeline:Infrastructure Local", error.Message, StringComparison.Ordinal);
        Assert.Contains("--Pipeline:Infrastructure External", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InfrastructureMode.Auto)]
    [InlineData(InfrastructureMode.Local)]
    [InlineData(InfrastructureMode.External)]
    public async Task Publish_mode_always_describes_containers(InfrastructureMode requested)
    {
        var runtime = new StubContainerRuntimeProbe(isAvailable: false);
        var resolver = new InfrastructureModeResolver(runtime, new StubMySqlServerLocator(null));

        var decision = await resolver.ResolveAsync(requested, isPublishMode: true, CancellationToken.None);

        Assert.Equal(InfrastructureMode.Containers, decision.Mode);
        Assert.Equal(0, runtime.Calls);
    }

    [Theory]
    [InlineData(null, InfrastructureMode.Auto)]
    [InlineData("", InfrastructureMode.Auto)]
    [InlineData("local", InfrastructureMode.Local)]
    [InlineData(" Containers ", InfrastructureMode.Containers)]
    [InlineData("EXTERNAL", InfrastructureMode.External)]
    public void The_setting_parses_case_insensitively(string? value, InfrastructureMode expected) =>
        Assert.Equal(expected, InfrastructureModeResolver.Parse(value));

    [Theory]
    [InlineData("Docker")]
    [InlineData("2")]
    public void An_unknown_setting_says_which_values_exist(string value)
    {
        var error = Assert.Throws<DistributedApplicationException>(() => InfrastructureModeResolver.Parse(value));

        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auto, Containers, Local, External", error.Message, StringComparison.Ordinal);
    }
}
