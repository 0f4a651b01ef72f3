namespace PinterestPipeline.AppHost.Hosting.Infrastructure;

/// <summary>Whether a container runtime answered, and what was seen (for the decision's log line).</summary>
public sealed record ContainerRuntimeStatus(bool IsAvailable, string Description);
