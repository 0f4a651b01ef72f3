using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PinterestPipeline.TestSupport.Kafka;

/// <summary>
/// PinterestPipeline.DevKafka as a separate process, for tests that need a broker outside the test process.
/// The test project must reference PinterestPipeline.DevKafka so its build output sits beside the tests.
/// </summary>
public sealed partial class DevKafkaProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process process;
    private readonly StringBuilder output = new();

    private DevKafkaProcess(Process process) => this.process = process;

    public int Port { get; private set; }

    public string BootstrapServers => $"127.0.0.1:{Port}";

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved.</summary>
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

    public static string AssemblyPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "PinterestPipeline.DevKafka.dll");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"{path} is missing: reference PinterestPipeline.DevKafka from the test project.");
        }
    }

    /// <summary>Starts the broker with <paramref name="arguments"/> and waits for its listening line.</summary>
    public static async Task<DevKafkaProcess> StartAsync(params string[] arguments)
    {
        var broker = Launch(arguments);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            var match = ListeningLine().Match(broker.Output);
            if (match.Success)
            {
                broker.Port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                return broker;
            }

            if (broker.HasExited)
            {
                throw new InvalidOperationException($"DevKafka exited with code {broker.ExitCode} before listening:\n{broker.Output}");
            }

            await Task.Delay(50);
        }

        await broker.DisposeAsync();
        throw new InvalidOperationException($"DevKafka did not print its listening line within {StartTimeout.TotalSeconds:0} s:\n{broker.Output}");
    }

    /// <summary>Starts the process without waiting for anything, for tests of start-up failures.</summary>
    public static DevKafkaProcess Launch(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var broker = new DevKafkaProcess(process);
        process.OutputDataReceived += (_, e) => broker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => broker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return broker;
    }

    /// <summary>Sends SIGTERM and waits for the process to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        await Signal.TerminateAsync(process);
        return await WaitForExitAsync(timeout);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    [GeneratedRegex(@"^Kafka \(dev broker\) listening on 127\.0\.0\.1:(?<port>\d+)$", RegexOptions.Multiline)]
    private static partial Regex ListeningLine();
}
