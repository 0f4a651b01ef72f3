using PinterestPipeline.AppHost.Hosting.Infrastructure;

namespace PinterestPipeline.AppHost.Tests.Infrastructure;

/// <summary>A container runtime probe with a fixed answer, counting how often it was asked.</summary>
internal sealed class StubContainerRuntimeProbe(bool isAvailable) : IContainerRuntimeProbe
{
    public int Calls { get; private set; }

    public Task<ContainerRuntimeStatus> ProbeAsync(CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(new ContainerRuntimeStatus(isAvailable, isAvailable ? "'docker info' answered" : "docker: not installed"));
    }
}
