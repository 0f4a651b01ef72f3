using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PinterestPipeline.TestSupport;

/// <summary>
/// A service as its own process (<c>dotnet PinterestPipeline.&lt;X&gt;.dll</c> from the test's output folder), configured
/// through environment variables like a deployment, so a test can SIGKILL it.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process process;
    private readonly string name;
    private readonly StringBuilder output = new();
    private readonly StringBuilder standardError = new();

    private ServiceProcess(Process process, string name)
    {
        this.process = process;
        this.name = name;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            Append(e.Data);
            if (e.Data is not null)
            {
                lock (output)
                {
                    standardError.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>What the process wrote to stderr only, in order.</summary>
    public string StandardError
    {
        get
        {
            lock (output)
            {
                return standardError.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>The process id (for <c>/proc/&lt;id&gt;/status</c>).</summary>
    public int Id => process.Id;

    /// <param name="assemblyName">The service's assembly, e.g. <c>PinterestPipeline.Sink</c>.</param>
    /// <param name="settings">Configuration keys (<c>Sink:FlushSize</c>) turned into environment variables (<c>Sink__FlushSize</c>).</param>
    /// <param name="withTestDependencies">
    /// Run with the test assembly's runtime config and dependency list (<c>dotnet exec --runtimeconfig --depsfile</c>).
    /// Needed when the test project references a shared framework the service does not (ASP.NET Core for a stub server):
    /// the build then leaves out of the output folder the packages that framework provides, and the service's own
    /// dependency list cannot find them.
    /// </param>
    public static ServiceProcess Start(string assemblyName, IDictionary<string, string?> settings, bool withTestDependencies = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var dll = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (withTestDependencies)
        {
            var testAssembly = Path.Combine(AppContext.BaseDirectory, TestAssemblyName());
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add("--runtimeconfig");
            start.ArgumentList.Add(testAssembly + ".runtimeconfig.json");
            start.ArgumentList.Add("--depsfile");
            start.ArgumentList.Add(testAssembly + ".deps.json");
        }

        start.ArgumentList.Add(dll);
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException($"dotnet {dll} did not start."), assemblyName);
    }

    /// <summary>The one <c>*.Tests</c> assembly in the output folder (the process's entry assembly is the test host).</summary>
    private static string TestAssemblyName() =>
        Path.GetFileName(Directory.GetFiles(AppContext.BaseDirectory, "*.Tests.runtimeconfig.json").Single())[..^".runtimeconfig.json".Length];

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed or committed.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>SIGTERM, as a deployment stops a service, then waits for the exit; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        await Signal.TerminateAsync(process);
        return await WaitForExitAsync(timeout);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{name} did not exit within {timeout.TotalSeconds:0} s. Output:\n{Output}");
        }

        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
