using Aspire.Hosting.ApplicationModel;

namespace PinterestPipeline.AppHost.Hosting.MySql;

/// <summary>
/// What the container and the local-process forms of a MySQL server have in common, so databases, health
/// checks and connection strings are declared once for both.
/// </summary>
public interface IMySqlServerResource : IResourceWithConnectionString, IResourceWithEndpoints
{
    /// <summary>The endpoint clients connect to (named <c>tcp</c>, as in the official integration).</summary>
    EndpointReference PrimaryEndpoint { get; }

    /// <summary>The root password.</summary>
    ParameterResource PasswordParameter { get; }

    /// <summary>Resource name → database name of every database declared on this server.</summary>
    IReadOnlyDictionary<string, string> Databases { get; }

    /// <summary>The database resources created when the server becomes ready.</summary>
    IReadOnlyList<MySqlDatabaseResource> DatabaseResources { get; }

    void AddDatabase(MySqlDatabaseResource database);
}
