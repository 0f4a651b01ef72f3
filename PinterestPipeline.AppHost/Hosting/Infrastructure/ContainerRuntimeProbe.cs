using System.Diagnostics;
using System.ComponentModel;

namespace PinterestPipeline.AppHost.Hosting.Infrastructure;

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
