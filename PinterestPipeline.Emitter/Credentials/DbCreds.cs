using MySqlConnector;

namespace PinterestPipeline.Emitter.Credentials;

/// <summary>The database credentials of the original project's <c>db_creds.yaml</c>.</summary>
public sealed record DbCreds(string Host, string User, string Password, string Database, uint Port)
{
    public const uint DefaultPort = 3306;

    /// <summary>A MySqlConnector connection string with the charset the original used (utf8mb4).</summary>
    public string ToConnectionString() => new MySqlConnectionStringBuilder
    {
        Server = Host,
        Port = Port,
        UserID = User,
        Password = Password,
        Database = Database,
        CharacterSet = "utf8mb4",
    }.ConnectionString;

    // Records print every property; the password must never reach a log or an exception message.
    public override string ToString() => $"{User}@{Host}:{Port}/{Database}";
}
