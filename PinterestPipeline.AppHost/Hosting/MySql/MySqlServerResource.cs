using PinterestPipeline.AppHost.Hosting.Common;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>A MySQL server running as a container (the official integration's shape).</summary>
public sealed class MySqlServerResource : ContainerResource, IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = MySqlServerDefaults.PrimaryEndpointName;

    private readonly List<MySqlDatabaseResource> databases = [];

    public MySqlServerResource(string name, ParameterResource password) : base(name)
    {
        ArgumentNullException.ThrowIfNull(password);
        PrimaryEndpoint = new(this, PrimaryEndpointName);
        PasswordParameter = password;
    }

    /// <summary>The endpoint clients connect to.</summary>
    public EndpointReference PrimaryEndpoint { get; }

    /// <summary>The root password.</summary>
    public ParameterResource PasswordParameter { get; }

    public ReferenceExpression ConnectionStringExpression => MySqlServerDefaults.ConnectionString(PrimaryEndpoint, PasswordParameter);

    /// <summary>The databases created when the server becomes ready.</summary>
    internal IReadOnlyList<MySqlDatabaseResource> DatabaseResources => databases;

    internal void AddDatabase(MySqlDatabaseResource database) => databases.Add(database);

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        MySqlServerDefaults.ConnectionProperties(PrimaryEndpoint, PasswordParameter);
}
