using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PinterestPipeline.AppHost.Hosting.Local;

/// <summary>
/// <c>WithStateOfParent</c>: a child resource (a database) takes on its parent's state, start and stop times. Aspire
/// does that by itself only when the parent is a container; this does it for a parent that is a local process, so the
/// child's health checks run and <c>WaitFor(child)</c> works as in Containers mode.
/// </summary>
internal static class ParentStateMirror
{
    public static IResourceBuilder<T> WithStateOfParent<T>(this IResourceBuilder<T> child, IResource parent)
        where T : IResource
    {
        child.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = MirrorAsync(child.Resource, parent, notifications, stopping);
            return Task.CompletedTask;
        });
        return child;
    }

    private static async Task MirrorAsync(IResource child, IResource parent, ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!ReferenceEquals(update.Resource, parent))
                {
                    continue;
                }

                var snapshot = update.Snapshot;
                await notifications.PublishUpdateAsync(child, state => state with
                {
                    State = snapshot.State,
                    StartTimeStamp = snapshot.StartTimeStamp,
                    StopTimeStamp = snapshot.StopTimeStamp,
                }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }
}
