using Aspire.Hosting.ApplicationModel;
using MySqlConnector;

namespace PinterestPipeline.AppHost.Hosting.MySql;

/// <summary>A database on a MySQL server: the server's connection string plus <c>;Database=&lt;name&gt;</c>.</summary>
public sealed class MySqlDatabaseResource : Resource, IResourceWithParent<IMySqlServerResource>, IResourceWithConnectionString
{
    public MySqlDatabaseResource(string name, string databaseName, IMySqlServerResource parent) : base(name)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseName);
        ArgumentNullException.ThrowIfNull(parent);
        DatabaseName = databaseName;
        Parent = parent;
    }

    public string DatabaseName { get; }

    public IMySqlServerResource Parent { get; }

    public ReferenceExpression ConnectionStringExpression
    {
        get
        {
            var database = new MySqlConnectionStringBuilder { Database = DatabaseName }.ConnectionString;
            return ReferenceExpression.Create($"{new ConnectionStringReference(Parent, optional: false)};{database}");
        }
    }

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        Parent.CombineProperties([new("DatabaseName", ReferenceExpression.Create($"{DatabaseName}"))]);
}
