using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.Seeder.Schema;

/// <summary>
/// The three source tables of the original course database (REFERENCE.md §1). Column order is the
/// emitter's JSON key order (it runs <c>SELECT *</c>), so it is part of the contract.
/// </summary>
public static class SourceSchema
{
    public const string DatabaseName = "pinterest_data";
    public const string CharacterSet = "utf8mb4";
    public const string Collation = "utf8mb4_unicode_ci";

    /// <summary>The emitter draws offsets 0..11000 inclusive, so every table needs at least this many rows.</summary>
    public const int MinimumRows = 11_001;

    /// <summary>
    /// <c>follower_count</c> is text (<c>"26k"</c>, <c>"User Info Error"</c>) and <c>downloaded</c> is INT rather
    /// than TINYINT(1), which MySqlConnector would read as a boolean and the emitter would post as <c>true</c>/<c>false</c>.
    /// </summary>
    public static TableSchema Pin { get; } = new(SourceTable.Pin,
    [
        new("index", "int"),
        new("unique_id", "varchar", 36),
        new("title", "varchar", 255),
        new("description", "text"),
        new("poster_name", "varchar", 255),
        new("follower_count", "varchar", 32),
        new("tag_list", "text"),
        new("is_image_or_video", "varchar", 64),
        new("image_src", "varchar", 512),
        new("downloaded", "int"),
        new("save_location", "varchar", 255),
        new("category", "varchar", 64),
    ]);

    public static TableSchema Geo { get; } = new(SourceTable.Geo,
    [
        new("ind", "int"),
        new("timestamp", "datetime"),
        new("latitude", "float"),
        new("longitude", "float"),
        new("country", "varchar", 128),
    ]);

    public static TableSchema User { get; } = new(SourceTable.User,
    [
        new("ind", "int"),
        new("first_name", "varchar", 100),
        new("last_name", "varchar", 100),
        new("age", "int"),
        new("date_joined", "datetime"),
    ]);

    /// <summary>In the order the emitter reads and posts them: pin, geo, user.</summary>
    public static IReadOnlyList<TableSchema> Tables { get; } = [Pin, Geo, User];
}
