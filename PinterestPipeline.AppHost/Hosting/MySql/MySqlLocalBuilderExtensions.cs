using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PinterestPipeline.AppHost.Hosting.Pipeline;

namespace PinterestPipeline.AppHost.Hosting.MySql;

/// <summary>MySQL as a local process, for machines without a container runtime.</summary>
public static class MySqlLocalBuilderExtensions
{
    /// <summary>
    /// Adds the machine's <c>mariadbd</c>/<c>mysqld</c> as an executable resource: data directory under the
    /// AppHost's state folder (<c>&lt;Aspire store or Pipeline:StatePath&gt;/mysql/&lt;name&gt;</c>, initialised on first start and kept), listening on
    /// 127.0.0.1 at the port Aspire allocates, root password from the same <c>&lt;name&gt;-password</c> parameter as
    /// <see cref="MySqlBuilderExtensions.AddMySql"/>. Same endpoint, connection string and health check.
    /// </summary>
    /// <exception cref="DistributedApplicationException">No server binary was found; the message says how to get one.</exception>
    public static IResourceBuilder<MySqlLocalServerResource> AddLocalMySql(this IDistributedApplicationBuilder builder, [ResourceName] string name, IResourceBuilder<ParameterResource>? password = null, int? port = null, IMySqlServerLocator? locator = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var binaries = (locator ?? new MySqlServerLocator()).Find() ?? throw new DistributedApplicationException(MySqlServerBinaries.HowToGet);
        var passwordParameter = password?.Resource ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password");
        var resource = new MySqlLocalServerResource(name, binaries, builder.AppHostDirectory, passwordParameter);

        return builder.AddResource(resource)
            .WithEndpoint(port: port, scheme: "tcp", name: MySqlServerResource.PrimaryEndpointName)
            .WithArgs(context =>
            {
                // mariadbd insists on --no-defaults coming first.
                foreach (var argument in DataDirectoryOf(resource, builder.Configuration, context.ExecutionContext.Services).ServerArguments())
                {
                    context.Args.Add(argument);
                }

                context.Args.Add(ReferenceExpression.Create($"--port={resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"));
            })
            .OnBeforeResourceStarted(async (server, @event, cancellationToken) =>
            {
                var directory = DataDirectoryOf(server, builder.Configuration, @event.Services);
                var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
                await directory.EnsureInitializedAsync(server.Binaries, logger, cancellationToken).ConfigureAwait(false);
                var rootPassword = await server.PasswordParameter.GetValueAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new DistributedApplicationException($"The parameter '{server.PasswordParameter.Name}' has no value.");
                await directory.WriteInitFileAsync(rootPassword, cancellationToken).ConfigureAwait(false);
            })
            .WithMySqlServerDefaults();
    }

    private static MySqlDataDirectory DataDirectoryOf(MySqlLocalServerResource server, IConfiguration configuration, IServiceProvider services) =>
        new(Path.Combine(PipelineState.Folder(configuration, services), "mysql", server.Name));
}
