using System.Globalization;

namespace PinterestPipeline.Seeder.Schema;

/// <summary>
/// One column of a source table. <see cref="DataType"/> and <see cref="Length"/> are what
/// <c>information_schema.COLUMNS</c> reports (<c>DATA_TYPE</c>, <c>CHARACTER_MAXIMUM_LENGTH</c>), the same on MySQL and MariaDB.
/// </summary>
public sealed record SourceColumn(string Name, string DataType, int? Length = null)
{
    /// <summary>The type as written in <c>CREATE TABLE</c>, e.g. <c>VARCHAR(255)</c>.</summary>
    public string SqlType => Length is { } length
        ? string.Create(CultureInfo.InvariantCulture, $"{DataType.ToUpperInvariant()}({length})")
        : DataType.ToUpperInvariant();
}
