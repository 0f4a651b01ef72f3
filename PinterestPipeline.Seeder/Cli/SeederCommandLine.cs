using System.Globalization;

namespace PinterestPipeline.Seeder.Cli;

/// <summary>
/// Turns the command line into configuration keys (<c>--rows 20000</c> → <c>Seeder:Rows</c>), so flags, appsettings and
/// environment variables meet in one <see cref="SeederOptions"/>. Anything unknown or malformed is a usage error.
/// </summary>
public static class SeederCommandLine
{
    public const string Usage = """
        Creates the pinterest_data, geolocation_data and user_data tables and loads deterministic sample data.

        Usage: PinterestPipeline.Seeder [--connection "<connection string>"] [--rows N] [--seed S] [--reset] [--allow-fewer-rows]
               PinterestPipeline.Seeder --sql-out <file> [--rows N] [--seed S] [--reset]

          --connection <cs>    MySQL connection string with Database=...; default: ConnectionStrings:pinterest
                               (environment variable ConnectionStrings__pinterest, set by the AppHost).
          --rows <N>           rows per table (default 11001: every emitter offset 0..11000 hits a row).
          --seed <S>           generator seed (default 100); the same seed and rows give byte-identical data.
          --reset              drop the three tables and load them again, whatever they hold.
          --allow-fewer-rows   accept --rows below 11001.
          --sql-out <file>     write the schema and data as a SQL script instead of connecting; with --reset the script
                               starts with DROP TABLE IF EXISTS.
          --help               this text.

        Exit codes: 0 done (or already seeded), 1 database or file error, 2 bad arguments, 3 refused: the tables hold other data.
        """;

    /// <summary>Returns the configuration overrides, or null when help was asked for.</summary>
    public static Dictionary<string, string?>? Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inlineValue) = Split(args[i]);
            switch (flag)
            {
                case "--help" or "-h" or "-?":
                    return null;
                case "--connection":
                    values[$"ConnectionStrings:{SeederOptions.ConnectionName}"] = ValueOf(flag, inlineValue, args, ref i);
                    break;
                case "--rows":
                    values[$"{SeederOptions.SectionName}:Rows"] = Integer(flag, ValueOf(flag, inlineValue, args, ref i));
                    break;
                case "--seed":
                    values[$"{SeederOptions.SectionName}:Seed"] = Integer(flag, ValueOf(flag, inlineValue, args, ref i));
                    break;
                case "--sql-out":
                    values[$"{SeederOptions.SectionName}:SqlOut"] = ValueOf(flag, inlineValue, args, ref i);
                    break;
                case "--reset":
                    values[$"{SeederOptions.SectionName}:Reset"] = NoValue(flag, inlineValue);
                    break;
                case "--allow-fewer-rows":
                    values[$"{SeederOptions.SectionName}:AllowFewerRows"] = NoValue(flag, inlineValue);
                    break;
                default:
                    throw new SeederException(SeederExitCode.Usage, $"Unknown argument '{args[i]}'; run with --help for usage.");
            }
        }

        if (values.ContainsKey($"{SeederOptions.SectionName}:SqlOut") && values.ContainsKey($"ConnectionStrings:{SeederOptions.ConnectionName}"))
        {
            throw new SeederException(SeederExitCode.Usage, "--sql-out writes a script and connects to no database; drop --connection, or drop --sql-out to seed the database.");
        }

        return values;
    }

    private static (string Flag, string? Value) Split(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (argument[..equals], argument[(equals + 1)..])
            : (argument, null);
    }

    private static string ValueOf(string flag, string? inlineValue, IReadOnlyList<string> args, ref int i)
    {
        if (inlineValue is not null)
        {
            return inlineValue;
        }

        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new SeederException(SeederExitCode.Usage, $"{flag} needs a value; run with --help for usage.");
        }

        return args[++i];
    }

    private static string NoValue(string flag, string? inlineValue) => inlineValue is null
        ? "true"
        : throw new SeederException(SeederExitCode.Usage, $"{flag} takes no value.");

    private static string Integer(string flag, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : throw new SeederException(SeederExitCode.Usage, $"{flag} expects a whole number, got '{value}'.");
}
