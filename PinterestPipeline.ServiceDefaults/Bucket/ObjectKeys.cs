using System.Globalization;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The S3 sink connector's DefaultPartitioner layout, written by the sink and read by analytics:
/// <c>&lt;dir&gt;/&lt;topic&gt;/partition=&lt;p&gt;/&lt;topic&gt;+&lt;p&gt;+&lt;offset, 10 digits&gt;.&lt;ext&gt;</c>.
/// The zero-padded offset makes the keys of one partition sort in offset order.
/// </summary>
public static class ObjectKeys
{
    public const int OffsetDigits = 10;

    public static string For(string directory, string topic, int partition, long startOffset, string extension) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{directory}/{topic}/partition={partition}/{topic}+{partition}+{startOffset:D10}.{extension}");

    /// <summary>The folder of one partition: <c>&lt;dir&gt;/&lt;topic&gt;/partition=&lt;p&gt;/</c>.</summary>
    public static string PartitionFolder(string directory, string topic, int partition) =>
        string.Create(CultureInfo.InvariantCulture, $"{directory}/{topic}/partition={partition}/");

    /// <summary>The partition of a folder name such as <c>partition=3</c>.</summary>
    public static bool TryParsePartitionFolder(string folderName, out int partition)
    {
        ArgumentNullException.ThrowIfNull(folderName);
        partition = -1;
        const string prefix = "partition=";
        return folderName.StartsWith(prefix, StringComparison.Ordinal)
            && IsDigits(folderName.AsSpan(prefix.Length))
            && int.TryParse(folderName.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out partition);
    }

    /// <summary>
    /// The start offset of an object named <c>&lt;topic&gt;+&lt;p&gt;+&lt;offset&gt;.&lt;ext&gt;</c> (the file name, without folders),
    /// for the given topic and partition; false for any other name.
    /// </summary>
    public static bool TryParseObjectName(string fileName, string topic, int partition, string extension, out long startOffset)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        startOffset = -1;
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{topic}+{partition}+");
        var suffix = "." + extension;
        if (fileName.Length != prefix.Length + OffsetDigits + suffix.Length
            || !fileName.StartsWith(prefix, StringComparison.Ordinal)
            || !fileName.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = fileName.AsSpan(prefix.Length, OffsetDigits);
        return IsDigits(digits) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out startOffset);
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}
