using System.Globalization;
using PinterestPipeline.TestSupport;

namespace PinterestPipeline.RestProxy.Tests.Infrastructure;

/// <summary>The proxy as its own process on a free port (for what only a process shows: its memory, its connections).</summary>
public sealed class ProxyProcess : IDisposable
{
    private readonly ServiceProcess process;

    private ProxyProcess(ServiceProcess process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output => process.Output;

    public static async Task<ProxyProcess> StartAsync(string bootstrapServers, IDictionary<string, string?>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:kafka"] = bootstrapServers,
            ["ASPNETCORE_URLS"] = address.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var proxy = new ProxyProcess(ServiceProcess.Start("PinterestPipeline.RestProxy", all), address);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !proxy.process.HasExited)
        {
            try
            {
                using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return proxy;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        var output = proxy.Output;
        proxy.Dispose();
        throw new InvalidOperationException($"The proxy did not become healthy within 60 s:\n{output}");
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
