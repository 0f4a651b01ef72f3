namespace PinterestPipeline.AppHost.Hosting.Infrastructure;

/// <summary>The mode the AppHost runs in and why, for the one log line that says so.</summary>
public sealed record InfrastructureDecision(InfrastructureMode Mode, string Reason);
