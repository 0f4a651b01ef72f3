namespace PinterestPipeline.AppHost.Hosting.Infrastructure;

/// <summary>Asks whether a container runtime is usable right now (a seam so the mode decision can be tested).</summary>
public interface IContainerRuntimeProbe
{
    Task<ContainerRuntimeStatus> ProbeAsync(CancellationToken cancellationToken);
}
