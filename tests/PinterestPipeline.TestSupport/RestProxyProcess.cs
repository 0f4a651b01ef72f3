using System.Globalization;

namespace PinterestPipeline.TestSupport;

/// <summary>
/// The real REST proxy as its own process on a fixed 127.0.0.1 port, for what only a process shows: its memory, its
/// connections, and a SIGKILL after which it is started again where its clients expect it. The test project must
/// reference PinterestPipeline.RestProxy.
/// </summary>
public sealed class RestProxyProcess : IDisposable
{
    private const string AssemblyName = "PinterestPipeline.RestProxy";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, string?> settings;
    private ServiceProcess process;
    private string earlierOutput = string.Empty;

    private RestProxyProcess(string bootstrapServers, int port, IDictionary<string, string?>? overrides)
    {
        Address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = bootstrapServers,
            ["ASPNETCORE_URLS"] = BaseUrl,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        process = ServiceProcess.Start(AssemblyName, settings, withTestDependencies: true);
    }

    public Uri Address { get; }

    /// <summary><see cref="Address"/> without the trailing slash, to put a path after.</summary>
    public string BaseUrl => Address.GetLeftPart(UriPartial.Authority);

    /// <summary>Every start's output, the current one last.</summary>
    public string Output => earlierOutput + process.Output;

    /// <summary>Starts the proxy and waits until <c>/health</c> answers 200.</summary>
    public static async Task<RestProxyProcess> StartAsync(string bootstrapServers, IDictionary<string, string?>? settings = null)
    {
        var proxy = new RestProxyProcess(bootstrapServers, FreePort.Next(), settings);
        try
        {
            await proxy.WaitUntilServingAsync();
            return proxy;
        }
        catch
        {
            proxy.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: requests in flight get no answer; records already sent to the broker stay there.</summary>
    public void Kill()
    {
        process.Kill();
        earlierOutput += process.Output;
        process.Dispose();
    }

    /// <summary>Starts the proxy again on the same port (after <see cref="Kill"/>).</summary>
    public void Restart() => process = ServiceProcess.Start(AssemblyName, settings, withTestDependencies: true);

    public async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!process.HasExited && DateTime.UtcNow < deadline)
        {
            try
            {
                using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException(process.HasExited
            ? $"The proxy exited. Output:\n{Output}"
            : $"The proxy did not become healthy within {ReadyTimeout.TotalSeconds:0} s. Output:\n{Output}");
    }

    /// <summary>A field of <c>/proc/&lt;pid&gt;/status</c> in MiB (<c>VmHWM</c>: the peak resident set; <c>VmRSS</c>: now).</summary>
    public double StatusMiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kilobytes / 1024.0;
            }
        }

        throw new InvalidOperationException($"{field} is not in /proc/{process.Id}/status");
    }

    public HttpClient CreateClient() => new(new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(120) };

    public void Dispose() => process.Dispose();
}
