using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;

namespace PinterestPipeline.Emitter.Worker;

/// <summary>
/// How a run ended, for the process: its exit code and the line it prints last. Program.cs returns <see cref="ExitCode"/>
/// and prints <see cref="FinalLine"/> once the host has stopped, so scripts can tell a run that delivered everything from
/// one that did not.
/// </summary>
public sealed class EmitterRunResult
{
    /// <summary>Every event was delivered (or the run was stopped before its count with nothing undelivered).</summary>
    public const int Success = 0;

    /// <summary>The source tables cannot be read (wrong credentials, no database, no tables).</summary>
    public const int DatabaseUnusable = 1;

    /// <summary>A setting is missing or invalid; the process prints one line per setting.</summary>
    public const int InvalidConfiguration = ServiceStartup.ConfigurationErrorExitCode;

    /// <summary>With <c>Count</c> set: an event failed, was rejected or was skipped.</summary>
    public const int NotAllDelivered = 3;

    public int ExitCode { get; private set; } = Success;

    /// <summary>Null while running, and for runs without <c>Count</c> that were stopped.</summary>
    public string? FinalLine { get; private set; }

    internal void Set(int exitCode, string finalLine)
    {
        ExitCode = exitCode;
        FinalLine = finalLine;
    }

    /// <summary>
    /// <c>Delivered 4 of 6 events; 2 failed, 0 rejected, 0 skipped. Failed (2): no response: Connection refused (127.0.0.1:8082).</c>
    /// Up to three reasons, most frequent first, then how many rows each topic or stream is missing
    /// (<c>Missing rows by destination: p.geo 1, p.pin 2.</c>).
    /// </summary>
    public static string Describe(EmitterSnapshot totals, long count, bool stoppedEarly)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"Delivered {totals.EventsDelivered} of {count} events");
        if (stoppedEarly)
        {
            line.Append(CultureInfo.InvariantCulture, $" (stopped after {totals.Events})");
        }

        if (totals.EventsFailed + totals.EventsRejected + totals.EventsSkipped == 0)
        {
            return line.Append('.').ToString();
        }

        line.Append(CultureInfo.InvariantCulture, $"; {totals.EventsFailed} failed, {totals.EventsRejected} rejected, {totals.EventsSkipped} skipped.");
        foreach (var reason in totals.Reasons.Take(3))
        {
            line.Append(CultureInfo.InvariantCulture, $" {reason.End} ({reason.Events}): {OneLine(reason.Reason)}.");
        }

        if (totals.Reasons.Count > 3)
        {
            line.Append(CultureInfo.InvariantCulture, $" And {totals.Reasons.Count - 3} other reasons (see the log).");
        }

        if (totals.UndeliveredByDestination.Count > 0)
        {
            // Which tables' rows the incomplete events lack; the log names each event ("Event N offset M incomplete: pin ..., geo ..., user ...").
            line.Append(" Missing rows by destination: ")
                .AppendJoin(", ", totals.UndeliveredByDestination.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Key} {d.Value}")))
                .Append('.');
        }

        return line.ToString();
    }

    private static string OneLine(string text)
    {
        var flat = text.ReplaceLineEndings(" ").TrimEnd('.');
        return flat.Length <= 300 ? flat : flat[..300] + "…";
    }
}
