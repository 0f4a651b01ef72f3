using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PinterestPipeline.AppHost.Hosting.Common;

internal static class HealthCheckBuilderExtensions
{
    /// <summary>Registers a health check under <c>&lt;name&gt;_check</c> (the official integrations' key), attaches it and sets the icon.</summary>
    public static IResourceBuilder<T> WithHealthCheck<T>(this IResourceBuilder<T> builder, Func<T, IHealthCheck> check, string iconName)
        where T : IResource
    {
        var resource = builder.Resource;
        var healthCheckKey = $"{resource.Name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(healthCheckKey, _ => check(resource), failureStatus: default, tags: default));

        return builder
            .WithIconName(iconName)
            .WithHealthCheck(healthCheckKey);
    }
}
