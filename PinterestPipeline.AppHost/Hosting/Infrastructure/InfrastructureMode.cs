using Aspire.Hosting;
using PinterestPipeline.AppHost.Hosting.Local;

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

/// <summary>
/// Turns the requested <see cref="InfrastructureMode"/> into the one to run: publish mode always describes
/// containers; <see cref="InfrastructureMode.Auto"/> prefers a container runtime that answers, then a local MySQL
/// server binary, and otherwise stops with a message that says what to install or set; an explicit
/// <see cref="InfrastructureMode.Containers"/> stops the same way when no runtime answers.
/// </summary>
public sealed class InfrastructureModeResolver(IContainerRuntimeProbe containerRuntime, IMySqlServerLocator mySqlServers)
{
    public const string SettingName = "Pipeline:Infrastructure";

    /// <summary>Parses the setting; empty means <see cref="InfrastructureMode.Auto"/>.</summary>
    /// <exception cref="DistributedApplicationException">The value is not one of the modes.</exception>
    public static InfrastructureMode Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return InfrastructureMode.Auto;
        }

        // Names only: Enum.TryParse would also take "2".
        var name = Enum.GetNames<InfrastructureMode>().FirstOrDefault(name => name.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse<InfrastructureMode>(name)
            : throw new DistributedApplicationException(
                $"{SettingName} is '{value}'; use one of {string.Join(", ", Enum.GetNames<InfrastructureMode>())} " +
                $"(for example: dotnet run --project PinterestPipeline.AppHost -- --{SettingName} Local).");
    }

    public async Task<InfrastructureDecision> ResolveAsync(InfrastructureMode requested, bool isPublishMode, CancellationToken cancellationToken)
    {
        if (isPublishMode)
        {
            return new InfrastructureDecision(InfrastructureMode.Containers, "publish mode always describes containers");
        }

        if (requested is InfrastructureMode.Local or InfrastructureMode.External)
        {
            return new InfrastructureDecision(requested, $"{SettingName} is {requested}");
        }

        var runtime = await containerRuntime.ProbeAsync(cancellationToken).ConfigureAwait(false);
        if (requested == InfrastructureMode.Containers)
        {
            // Without this, the containers stay Unknown and every service waits for them for ever.
            return runtime.IsAvailable
                ? new InfrastructureDecision(requested, $"{SettingName} is {requested}; {runtime.Description}")
                : throw new DistributedApplicationException(
                    $"{SettingName} is Containers, but no container runtime answered ({runtime.Description}). Start Docker or Podman " +
                    $"(or set ASPIRE_CONTAINER_RUNTIME to the one you have), or run without containers: --{SettingName} Local " +
                    "(needs MariaDB/MySQL: 'apt-get install -y mariadb-server' or 'brew install mariadb'), " +
                    $"or --{SettingName} External with ConnectionStrings:pinterest and ConnectionStrings:kafka.");
        }

        if (runtime.IsAvailable)
        {
            return new InfrastructureDecision(InfrastructureMode.Containers, $"Auto: {runtime.Description}");
        }

        if (mySqlServers.Find() is { } binaries)
        {
            return new InfrastructureDecision(InfrastructureMode.Local, $"Auto: no container runtime ({runtime.Description}); found {binaries.Server}");
        }

        throw new DistributedApplicationException(
            $"{SettingName} is Auto, but no container runtime answered ({runtime.Description}) and no MySQL server binary was found. Either " +
            "start Docker or Podman (Containers mode), " +
            "or install MariaDB/MySQL for Local mode (Debian/Ubuntu: 'apt-get install -y mariadb-server'; macOS: 'brew install mariadb'), " +
            $"or set {SettingName}=External with ConnectionStrings:pinterest and ConnectionStrings:kafka pointing at existing servers.");
    }
}
