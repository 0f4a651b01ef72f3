using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PinterestPipeline.AppHost.Hosting.Common;
using PinterestPipeline.AppHost.Hosting.Pipeline;

namespace PinterestPipeline.AppHost.Hosting.Local;

/// <summary>
/// MySQL as a local process, for machines without a container runtime: the server and database resources, and
/// <see cref="MySqlServerLocator"/>, which finds the server binary (below; its data directory is <see cref="MySqlDataDirectory"/>).
/// </summary>
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
            .WithEndpoint(port: port, scheme: "tcp", name: MySqlServerDefaults.PrimaryEndpointName)
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
            .WithMySqlServerDefaults(server => builder.Resources.OfType<MySqlLocalDatabaseResource>()
                .Where(database => database.Parent == server).Select(database => database.DatabaseName));
    }

    /// <summary>
    /// Adds a database to the local server; it is created (if missing) when the server becomes ready (the server finds
    /// its databases in the model), and it moves through the server's states as a database on a container does.
    /// </summary>
    /// <param name="databaseName">The database name; defaults to <paramref name="name"/>.</param>
    public static IResourceBuilder<MySqlLocalDatabaseResource> AddDatabase(this IResourceBuilder<MySqlLocalServerResource> builder, [ResourceName] string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        return builder.ApplicationBuilder.AddResource(new MySqlLocalDatabaseResource(name, databaseName ?? name, builder.Resource))
            .WithMySqlDatabaseDefaults()
            .WithStateOfParent(builder.Resource);
    }

    private static MySqlDataDirectory DataDirectoryOf(MySqlLocalServerResource server, IConfiguration configuration, IServiceProvider services) =>
        new(Path.Combine(PipelineState.Folder(configuration, services), "mysql", server.Name));
}

/// <summary>
/// A MySQL-compatible server (the machine's <c>mariadbd</c> or <c>mysqld</c>) running as a plain process with
/// its own data directory, for machines without a container runtime. Same endpoint name and connection
/// string as <see cref="MySqlServerResource"/>.
/// </summary>
public sealed class MySqlLocalServerResource : ExecutableResource, IResourceWithConnectionString
{
    public MySqlLocalServerResource(string name, MySqlServerBinaries binaries, string workingDirectory, ParameterResource password)
        : base(name, binaries?.Server ?? throw new ArgumentNullException(nameof(binaries)), workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(password);
        Binaries = binaries;
        PrimaryEndpoint = new(this, MySqlServerDefaults.PrimaryEndpointName);
        PasswordParameter = password;
    }

    public MySqlServerBinaries Binaries { get; }

    /// <summary>The endpoint clients connect to, on 127.0.0.1.</summary>
    public EndpointReference PrimaryEndpoint { get; }

    /// <summary>The root password.</summary>
    public ParameterResource PasswordParameter { get; }

    public ReferenceExpression ConnectionStringExpression => MySqlServerDefaults.ConnectionString(PrimaryEndpoint, PasswordParameter);

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        MySqlServerDefaults.ConnectionProperties(PrimaryEndpoint, PasswordParameter);
}

/// <summary>A database on the local server: the server's connection string plus <c>;Database=&lt;name&gt;</c>.</summary>
public sealed class MySqlLocalDatabaseResource(string name, string databaseName, MySqlLocalServerResource parent)
    : Resource(name), IResourceWithParent<MySqlLocalServerResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = MySqlServerDefaults.ThrowIfNoDatabaseName(databaseName);

    public MySqlLocalServerResource Parent { get; } = parent ?? throw new ArgumentNullException(nameof(parent));

    public ReferenceExpression ConnectionStringExpression => MySqlServerDefaults.DatabaseConnectionString(Parent, DatabaseName);

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        MySqlServerDefaults.DatabaseConnectionProperties(Parent, DatabaseName);
}

/// <summary>Finds a MySQL-compatible server on this machine (a seam so the mode decision can be tested).</summary>
public interface IMySqlServerLocator
{
    MySqlServerBinaries? Find();
}

/// <summary>A MySQL-compatible server binary and the tool that initialises its data directory.</summary>
/// <param name="Server">Path of <c>mariadbd</c> or <c>mysqld</c>.</param>
/// <param name="InstallDb">
/// Path of <c>mariadb-install-db</c>/<c>mysql_install_db</c>, or null: MySQL 8 dropped that tool and
/// initialises with <c>mysqld --initialize-insecure</c> instead.
/// </param>
public sealed record MySqlServerBinaries(string Server, string? InstallDb)
{
    public const string HowToGet =
        "No MySQL-compatible server binary (mariadbd or mysqld) was found on PATH or in the usual folders. " +
        "Install one (Debian/Ubuntu: 'apt-get install -y mariadb-server'; macOS: 'brew install mariadb'), " +
        "or install Docker/Podman and use Pipeline:Infrastructure=Containers, " +
        "or point at existing servers with Pipeline:Infrastructure=External and ConnectionStrings:pinterest / ConnectionStrings:kafka.";
}

/// <summary>Looks for <c>mariadbd</c> (preferred) or <c>mysqld</c> in the given folders, by default PATH plus the usual install locations.</summary>
public sealed class MySqlServerLocator(IEnumerable<string> folders) : IMySqlServerLocator
{
    // sbin folders are often missing from a non-root user's PATH, and Homebrew/tarball installs live elsewhere.
    private static readonly string[] UsualFolders =
        ["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/mysql/bin", "/opt/homebrew/bin", "/opt/homebrew/sbin"];

    private readonly string[] folders = folders.Distinct(StringComparer.Ordinal).ToArray();

    public MySqlServerLocator()
        : this((Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(UsualFolders))
    {
    }

    public MySqlServerBinaries? Find()
    {
        var installDb = Locate("mariadb-install-db") ?? Locate("mysql_install_db");
        if (Locate("mariadbd") is { } mariadbd)
        {
            return new MySqlServerBinaries(mariadbd, installDb);
        }

        return Locate("mysqld") is { } mysqld ? new MySqlServerBinaries(mysqld, installDb) : null;
    }

    private string? Locate(string name) =>
        folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
