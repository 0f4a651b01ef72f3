using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;
using PinterestPipeline.Seeder.Cli;
using PinterestPipeline.Seeder.Data;
using PinterestPipeline.Seeder.Loading;
using PinterestPipeline.Seeder.Schema;

namespace PinterestPipeline.Seeder;

/// <summary>One run of the seeder: generate, then load into the database or write the script; returns the exit code.</summary>
public sealed class SeedCommand(
    IOptions<SeederOptions> options,
    IConfiguration configuration,
    TimeProvider timeProvider,
    ILogger<SeedCommand> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var activity = PipelineTelemetry.ActivitySource.StartActivity("seed");
        try
        {
            var connectionString = settings.SqlOut is null ? RequireConnectionString() : null;
            if (settings.Rows < SourceSchema.MinimumRows)
            {
                SeederLog.FewerRows(logger, settings.Rows, settings.Rows, SourceSchema.MinimumRows - 1);
            }

            var started = timeProvider.GetTimestamp();
            var data = SeedDataGenerator.Generate(settings.Seed, settings.Rows);
            var checksum = SourceChecksum.Compute(data);
            activity?.SetTag("seeder.seed", settings.Seed);
            activity?.SetTag("seeder.rows", settings.Rows);
            activity?.SetTag("seeder.checksum", checksum);
            var tables = SourceSchema.Tables.Count;

            if (settings.SqlOut is { } path)
            {
                await WriteScriptAsync(path, data, checksum, settings.Reset, cancellationToken);
                SeederLog.ScriptWritten(logger, data.Rows, tables, Path.GetFullPath(path), Seconds(started), data.Seed, checksum);
                return SeederExitCode.Success;
            }

            var outcome = await SourceDatabaseSeeder.SeedAsync(connectionString!, data, checksum, settings.Reset, cancellationToken);
            activity?.SetTag("seeder.result", outcome.Result.ToString());
            switch (outcome.Result)
            {
                case SeedResult.AlreadySeeded:
                    SeederLog.AlreadySeeded(logger, outcome.Database, data.Rows, tables, data.Seed, checksum);
                    break;
                case SeedResult.Reloaded:
                    SeederLog.Reloaded(logger, data.Rows, tables, outcome.Database, Seconds(started), data.Seed, checksum);
                    break;
                default:
                    SeederLog.Seeded(logger, data.Rows, tables, outcome.Database, Seconds(started), data.Seed, checksum);
                    break;
            }

            return SeederExitCode.Success;
        }
        catch (SeederException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            SeederLog.Failed(logger, OneLine(ex.Message));
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            SeederLog.Cancelled(logger);
            return SeederExitCode.Cancelled;
        }
        catch (MySqlException ex)
        {
            // Connection-time errors are translated by the seeder; this is a server that went away mid-load.
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            SeederLog.Failed(logger, OneLine($"MySQL error {ex.Number}: {ex.Message}"));
            return SeederExitCode.DatabaseError;
        }
        catch (IOException ex)
        {
            SeederLog.Failed(logger, OneLine($"Cannot write {settings.SqlOut}: {ex.Message}"));
            return SeederExitCode.DatabaseError;
        }
        catch (UnauthorizedAccessException ex)
        {
            SeederLog.Failed(logger, OneLine($"Cannot write {settings.SqlOut}: {ex.Message}"));
            return SeederExitCode.DatabaseError;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug, not a user error: the stack trace is what a bug report needs.
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            SeederLog.Crashed(logger, ex);
            return SeederExitCode.DatabaseError;
        }
    }

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private string RequireConnectionString()
    {
        var value = configuration.GetConnectionString(SeederOptions.ConnectionName);
        return string.IsNullOrWhiteSpace(value)
            ? throw new SeederException(SeederExitCode.Usage,
                $"No database to seed: pass --connection \"Server=...;User ID=...;Password=...;Database={SourceSchema.DatabaseName}\" or set ConnectionStrings:{SeederOptions.ConnectionName} (environment variable ConnectionStrings__{SeederOptions.ConnectionName}).")
            : value;
    }

    private static async Task WriteScriptAsync(string path, SeedData data, string checksum, bool dropExisting, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new SeederException(SeederExitCode.Usage, $"Cannot write {path}: the folder {directory} does not exist.");
        }

        try
        {
            await SqlScriptWriter.WriteFileAsync(path, data, checksum, dropExisting, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Half a script would load half the data without an error: better none.
            File.Delete(path);
            throw;
        }
    }

    private double Seconds(long started) => timeProvider.GetElapsedTime(started).TotalSeconds;
}
