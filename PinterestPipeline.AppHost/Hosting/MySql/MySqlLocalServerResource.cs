using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.AppHost.Hosting.MySql;

/// <summary>
/// A MySQL-compatible server (the machine's <c>mariadbd</c> or <c>mysqld</c>) running as a plain process with
/// its own data directory, for machines without a container runtime. Same endpoint name and connection
/// string as <see cref="MySqlServerResource"/>.
/// </summary>
public sealed class MySqlLocalServerResource : ExecutableResource, IMySqlServerResource
{
    private readonly MySqlDatabaseList databases = new();

    public MySqlLocalServerResource(string name, MySqlServerBinaries binaries, string workingDirectory, ParameterResource password)
        : base(name, binaries?.Server ?? throw new ArgumentNullException(nameof(binaries)), workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(password);
        Binaries = binaries;
        PrimaryEndpoint = new(this, MySqlServerResource.PrimaryEndpointName);
        PasswordParameter = password;
    }

    public MySqlServerBinaries Binaries { get; }

    public EndpointReference PrimaryEndpoint { get; }

    public ParameterResource PasswordParameter { get; }

    public ReferenceExpression ConnectionStringExpression => MySqlConnectionStrings.Server(PrimaryEndpoint, PasswordParameter);

    public IReadOnlyDictionary<string, string> Databases => databases.Names;

    public IReadOnlyList<MySqlDatabaseResource> DatabaseResources => databases.Resources;

    public void AddDatabase(MySqlDatabaseResource database) => databases.Add(database);

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        MySqlConnectionStrings.Properties(PrimaryEndpoint, PasswordParameter);
}
