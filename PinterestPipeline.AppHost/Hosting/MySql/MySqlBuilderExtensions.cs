using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.MySql;
using PinterestPipeline.AppHost.Hosting.Common;

namespace Aspire.Hosting;

/// <summary>
/// MySQL in the application model, shaped like the official <c>Aspire.Hosting.MySql</c> package (which
/// this machine's package feed does not serve): same method names, resource names, endpoint, connection
/// string, health checks and database creation.
/// </summary>
public static class MySqlBuilderExtensions
{
    private const string PasswordEnvVarName = "MYSQL_ROOT_PASSWORD";
    private const int MySqlPort = 3306;
    private const int PhpMyAdminPort = 80;

    /// <summary>Adds a MySQL server container (<c>mysql:8.4</c>).</summary>
    /// <param name="password">The root password; when null a generated secret parameter <c>&lt;name&gt;-password</c> is used, persisted in user secrets in run mode.</param>
    /// <param name="port">The host port; null lets Aspire pick one.</param>
    public static IResourceBuilder<MySqlServerResource> AddMySql(this IDistributedApplicationBuilder builder, [ResourceName] string name, IResourceBuilder<ParameterResource>? password = null, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var passwordParameter = password?.Resource ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password");
        var resource = new MySqlServerResource(name, passwordParameter);
        return builder.AddResource(resource)
            .WithEndpoint(port: port, targetPort: MySqlPort, name: MySqlServerResource.PrimaryEndpointName)
            .WithImage(MySqlContainerImageTags.Image, MySqlContainerImageTags.Tag)
            .WithImageRegistry(MySqlContainerImageTags.Registry)
            .WithEnvironment(context => context.EnvironmentVariables[PasswordEnvVarName] = resource.PasswordParameter)
            .WithMySqlServerDefaults(server => server.DatabaseResources.Select(database => database.DatabaseName));
    }

    /// <summary>Adds a database to a MySQL server; it is created (if missing) when the server becomes ready.</summary>
    /// <param name="databaseName">The database name; defaults to <paramref name="name"/>.</param>
    public static IResourceBuilder<MySqlDatabaseResource> AddDatabase(this IResourceBuilder<MySqlServerResource> builder, [ResourceName] string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var database = new MySqlDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.AddDatabase(database);
        if (builder.ApplicationBuilder.ExecutionContext.IsPublishMode && builder.Resource.DatabaseResources.Count == 1)
        {
            // In a deployment no AppHost creates the database when the server is ready: the image creates MYSQL_DATABASE
            // on its first start (one database; the pipeline has one).
            builder.WithAnnotation(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables["MYSQL_DATABASE"] = database.DatabaseName));
        }

        return builder.ApplicationBuilder.AddResource(database).WithMySqlDatabaseDefaults();
    }

    /// <summary>Keeps the server's data in a named volume across runs.</summary>
    public static IResourceBuilder<MySqlServerResource> WithDataVolume(this IResourceBuilder<MySqlServerResource> builder, string? name = null, bool isReadOnly = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), "/var/lib/mysql", isReadOnly);
    }

    /// <summary>Adds a phpMyAdmin container (<c>phpmyadmin:5.2</c>) signed in to this server as root; not part of the manifest.</summary>
    public static IResourceBuilder<MySqlServerResource> WithPhpMyAdmin(this IResourceBuilder<MySqlServerResource> builder, Action<IResourceBuilder<PhpMyAdminContainerResource>>? configureContainer = null, string? containerName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var server = builder.Resource;
        var phpMyAdmin = builder.ApplicationBuilder.AddResource(new PhpMyAdminContainerResource(containerName ?? "phpmyadmin"))
            .WithImage(MySqlContainerImageTags.PhpMyAdminImage, MySqlContainerImageTags.PhpMyAdminTag)
            .WithImageRegistry(MySqlContainerImageTags.Registry)
            .WithHttpEndpoint(targetPort: PhpMyAdminPort, name: PhpMyAdminContainerResource.PrimaryEndpointName)
            .WithUrlForEndpoint(PhpMyAdminContainerResource.PrimaryEndpointName, url => url.DisplayText = "phpMyAdmin")
            .WithIconName("WindowDatabase")
            .WithEnvironment(context =>
            {
                // Containers reach each other by resource name on Aspire's container network.
                context.EnvironmentVariables["PMA_HOST"] = $"{server.Name}:{MySqlPort}";
                context.EnvironmentVariables["PMA_USER"] = MySqlServerDefaults.UserName;
                context.EnvironmentVariables["PMA_PASSWORD"] = server.PasswordParameter;
            })
            .WithParentRelationship(builder)
            .WaitFor(builder)
            .ExcludeFromManifest();

        configureContainer?.Invoke(phpMyAdmin);
        return builder;
    }
}
