namespace PinterestPipeline.AppHost.Hosting.MySql;

/// <summary>The databases declared on one server; shared by both server forms.</summary>
internal sealed class MySqlDatabaseList
{
    private readonly Dictionary<string, string> names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<MySqlDatabaseResource> resources = [];

    public IReadOnlyDictionary<string, string> Names => names;

    public IReadOnlyList<MySqlDatabaseResource> Resources => resources;

    public void Add(MySqlDatabaseResource database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (names.TryAdd(database.Name, database.DatabaseName))
        {
            resources.Add(database);
        }
    }
}
