using PinterestPipeline.AppHost.Hosting.Common;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>A database on a MySQL server container: the server's connection string plus <c>;Database=&lt;name&gt;</c>.</summary>
public sealed class MySqlDatabaseResource(string name, string databaseName, MySqlServerResource parent)
    : Resource(name), IResourceWithParent<MySqlServerResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = MySqlServerDefaults.ThrowIfNoDatabaseName(databaseName);

    public MySqlServerResource Parent { get; } = parent ?? throw new ArgumentNullException(nameof(parent));

    public ReferenceExpression ConnectionStringExpression => MySqlServerDefaults.DatabaseConnectionString(Parent, DatabaseName);

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        MySqlServerDefaults.DatabaseConnectionProperties(Parent, DatabaseName);
}
