using PinterestPipeline.TestSupport;

namespace PinterestPipeline.Emitter.Tests.Infrastructure;

/// <summary>
/// The real REST proxy as its own process on a fixed 127.0.0.1 port, so a test can SIGKILL it and start it again where
/// its clients expect it.
/// </summary>
internal sealed class RestProxyProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, string?> settings;
    private ServiceProcess process;

    private RestProxyProcess(string bootstrapServers, int port, IEnumerable<(string Key, string? Value)> overrides)
    {
        Port = port;
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = bootstrapServers,
            ["ASPNETCORE_URLS"] = BaseUrl,
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        process = ServiceProcess.Start("PinterestPipeline.RestProxy", settings, withTestDependencies: true);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Every start's output, the current one last.</summary>
    public string Output => earlierOutput + process.Output;

    private string earlierOutput = string.Empty;

    public static async Task<RestProxyProcess> StartAsync(string bootstrapServers, params (string Key, string? Value)[] overrides)
    {
        var proxy = new RestProxyProcess(bootstrapServers, FreePort.Next(), overrides);
        await proxy.WaitUntilServingAsync();
        return proxy;
    }

    /// <summary>SIGKILL: requests in flight get no answer; records already sent to the broker stay there.</summary>
    public void Kill()
    {
        process.Kill();
        earlierOutput += process.Output;
        process.Dispose();
    }

    /// <summary>Starts the proxy again on the same port (after <see cref="Kill"/>).</summary>
    public void Restart() => process = ServiceProcess.Start("PinterestPipeline.RestProxy", settings, withTestDependencies: true);

    public async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The proxy exited. Output:\n{process.Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl + "/topics"));
                if (response.IsSuccessStatusCode)
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

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The proxy did not answer GET /topics within {ReadyTimeout.TotalSeconds:0} s. Output:\n{process.Output}");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose() => process.Dispose();
}
