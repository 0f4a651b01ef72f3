using Microsoft.Extensions.Logging;

namespace PinterestPipeline.Seeder;

internal static partial class SeederLog
{
    [LoggerMessage(1, LogLevel.Information, "Seeded {Rows:N0} rows × {Tables} tables into '{Database}' in {Seconds:0.0} s (seed {Seed}, checksum {Checksum})")]
    public static partial void Seeded(ILogger logger, int rows, int tables, string database, double seconds, int seed, string checksum);

    [LoggerMessage(2, LogLevel.Information, "Reset: dropped and reloaded {Rows:N0} rows × {Tables} tables into '{Database}' in {Seconds:0.0} s (seed {Seed}, checksum {Checksum})")]
    public static partial void Reloaded(ILogger logger, int rows, int tables, string database, double seconds, int seed, string checksum);

    [LoggerMessage(3, LogLevel.Information, "Already seeded: '{Database}' holds {Rows:N0} rows × {Tables} tables for seed {Seed} (checksum {Checksum}); nothing to do")]
    public static partial void AlreadySeeded(ILogger logger, string database, int rows, int tables, int seed, string checksum);

    [LoggerMessage(4, LogLevel.Information, "Wrote {Rows:N0} rows × {Tables} tables to {Path} in {Seconds:0.0} s (seed {Seed}, checksum {Checksum})")]
    public static partial void ScriptWritten(ILogger logger, int rows, int tables, string path, double seconds, int seed, string checksum);

    [LoggerMessage(5, LogLevel.Warning, "Only {Rows:N0} rows per table: emitter offsets {FirstMissing}..{LastOffset} will find no row")]
    public static partial void FewerRows(ILogger logger, int rows, int firstMissing, int lastOffset);

    [LoggerMessage(6, LogLevel.Error, "{Message}")]
    public static partial void Failed(ILogger logger, string message);

    [LoggerMessage(7, LogLevel.Warning, "Cancelled: nothing was committed or written; run the seeder again to finish")]
    public static partial void Cancelled(ILogger logger);

    [LoggerMessage(8, LogLevel.Critical, "The seeder failed unexpectedly")]
    public static partial void Crashed(ILogger logger, Exception exception);
}
