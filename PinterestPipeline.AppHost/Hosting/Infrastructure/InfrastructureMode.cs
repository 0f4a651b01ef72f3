namespace PinterestPipeline.AppHost.Hosting.Infrastructure;

/// <summary>Where MySQL and Kafka come from (setting <c>Pipeline:Infrastructure</c>).</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container runtime answers, else local processes when a MySQL server binary is found.</summary>
    Auto,

    /// <summary>MySQL and Kafka containers (Docker or Podman).</summary>
    Containers,

    /// <summary>A private mariadbd/mysqld process and the DevKafka broker; no container runtime needed.</summary>
    Local,

    /// <summary>Existing servers from <c>ConnectionStrings:pinterest</c> and <c>ConnectionStrings:kafka</c>; nothing is started.</summary>
    External,
}

/// <summary>The mode the AppHost runs in and why, for the one log line that says so.</summary>
public sealed record InfrastructureDecision(InfrastructureMode Mode, string Reason);
