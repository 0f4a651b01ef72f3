using System.ComponentModel;
using System.Diagnostics;
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

/// <summary>
/// Runs <c>&lt;runtime&gt; info</c> for each candidate CLI in parallel and reports the first that exits 0 within the
/// timeout. A CLI without a daemon behind it (the usual state of a machine where Docker was installed but not
/// started) fails fast; a hung daemon is cut off by the timeout.
/// </summary>
public sealed class ContainerRuntimeProbe(IReadOnlyList<string> runtimes, TimeSpan timeout) : IContainerRuntimeProbe
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Docker and Podman, or only the one named by Aspire's <c>ASPIRE_CONTAINER_RUNTIME</c> setting.</summary>
    public static ContainerRuntimeProbe ForConfiguredRuntime(string? configuredRuntime) =>
        new(string.IsNullOrWhiteSpace(configuredRuntime) ? ["docker", "podman"] : [configuredRuntime.Trim()], DefaultTimeout);

    public async Task<ContainerRuntimeStatus> ProbeAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var probes = runtimes.Select(runtime => ProbeOneAsync(runtime, deadline.Token)).ToList();
        var failures = new List<string>();
        while (probes.Count > 0)
        {
            var finished = await Task.WhenAny(probes).ConfigureAwait(false);
            probes.Remove(finished);
            var status = await finished.ConfigureAwait(false);
            if (status.IsAvailable)
            {
                await deadline.CancelAsync().ConfigureAwait(false);
                return status;
            }

            failures.Add(status.Description);
        }

        return new ContainerRuntimeStatus(false, string.Join("; ", failures));
    }

    private async Task<ContainerRuntimeStatus> ProbeOneAsync(string runtime, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(runtime, ["info"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return new ContainerRuntimeStatus(false, $"{runtime}: not installed");
        }

        if (process is null)
        {
            return new ContainerRuntimeStatus(false, $"{runtime}: could not be started");
        }

        using (process)
        {
            var drainOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return new ContainerRuntimeStatus(false, $"{runtime}: no answer within {timeout.TotalSeconds:0.#} s");
            }

            await drainOutput.ConfigureAwait(false);
            if (process.ExitCode == 0)
            {
                return new ContainerRuntimeStatus(true, $"'{runtime} info' answered");
            }

            var reason = (await stderr.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            return new ContainerRuntimeStatus(false, $"{runtime}: {reason ?? $"'info' exited with {process.ExitCode}"}");
        }
    }
}

/// <summary>Asks whether a container runtime is usable right now (a seam so the mode decision can be tested).</summary>
public interface IContainerRuntimeProbe
{
    Task<ContainerRuntimeStatus> ProbeAsync(CancellationToken cancellationToken);
}

/// <summary>Whether a container runtime answered, and what was seen (for the decision's log line).</summary>
public sealed record ContainerRuntimeStatus(bool IsAvailable, string Description);

/// <summary>How the AppHost reports a configuration mistake: one line, exit code 2.</summary>
public static class ConfigurationErrors
{
    public const int ExitCode = 2;

    /// <summary>
    /// Turns a <see cref="DistributedApplicationException"/> that nothing handled (thrown by AppHost.cs while it builds the
    /// model: the mode resolver, External's connection strings, a bad setting) into <c>error: &lt;message&gt;</c> on stderr
    /// and exit code 2, instead of the runtime's stack trace and exit code 134. Under
    /// <c>DistributedApplicationTestingBuilder</c> the exception reaches the test as it is, because the test handles it.
    /// </summary>
    public static void ExitWithOneLine() =>
        AppDomain.CurrentDomain.UnhandledException += static (_, e) =>
        {
            if (e.ExceptionObject is DistributedApplicationException error)
            {
                Console.Error.WriteLine($"error: {error.Message}");
                Console.Error.Flush();
                Environment.Exit(ExitCode);
            }
        };
}
