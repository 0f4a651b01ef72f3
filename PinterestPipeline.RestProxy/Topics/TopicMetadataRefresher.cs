using Microsoft.Extensions.Options;

namespace PinterestPipeline.RestProxy.Topics;

/// <summary>Keeps <see cref="TopicMetadataCache"/> warm, so most requests never wait for the cluster.</summary>
public sealed class TopicMetadataRefresher(TopicMetadataCache cache, IOptions<RestProxyOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MetadataRefreshInterval, time);
        do
        {
            await cache.RefreshAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
