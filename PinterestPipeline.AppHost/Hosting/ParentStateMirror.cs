using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PinterestPipeline.AppHost.Hosting;

/// <summary>
/// Aspire moves a child resource (a database) through its parent's states only when the parent is a container.
/// For a parent that is a local process this does the same, so the child's health checks run and
/// <c>WaitFor(child)</c> works identically in every mode.
/// </summary>
internal static class ParentStateMirror
{
    public static IResourceBuilder<T> WithStateOfParent<T>(this IResourceBuilder<T> child, IResource parent)
        where T : IResource
    {
        if (parent is ContainerResource)
        {
            return child;
        }

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
