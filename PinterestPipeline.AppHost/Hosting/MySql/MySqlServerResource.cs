using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.AppHost.Hosting.MySql;

/// <summary>A MySQL server running as a container (the official integration's shape).</summary>
public sealed class MySqlServerResource : ContainerResource, IMySqlServerResource
{
    internal const string PrimaryEndpointName = "tcp";

    private readonly MySqlDatabaseList databases = new();

    public MySqlServerResource(string name, ParameterResource password) : base(name)
    {
        ArgumentNullException.ThrowIfNull(password);
        PrimaryEndpoint = new(this, PrimaryEndpointName);
        PasswordParameter = password;
    }

    public EndpointReference PrimaryEndpoint { get; }

    public ParameterResource PasswordParameter { get; }

    public ReferenceExpression ConnectionStringExpression => MySqlConnectionStrings.Server(PrimaryEndpoint, PasswordParameter);

    public IReadOnlyDictionary<string, string> Databases => databases.Names;

    public IReadOnlyList<MySqlDatabaseResource> DatabaseResources => databases.Resources;

    public void AddDatabase(MySqlDatabaseResource database) => databases.Add(database);

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        MySqlConnectionStrings.Properties(PrimaryEndpoint, PasswordParameter);
}
