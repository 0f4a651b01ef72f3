using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PinterestPipeline.Emitter.Credentials;

/// <summary>
/// Reads a <c>db_creds.yaml</c> as the course's forks wrote it: keys <c>HOST</c>, <c>USER</c>, <c>PASSWORD</c>,
/// <c>DATABASE</c>, <c>PORT</c>, or the same with an <c>RDS_</c> prefix. Key case is ignored; <c>PORT</c> defaults to 3306.
/// Error messages name the file and the key, never a value.
/// </summary>
public static class DbCredsFile
{
    private static readonly string[] Prefixes = ["", "RDS_"];

    public static DbCreds Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new InvalidOperationException($"The credentials file '{fullPath}' (from Emitter:CredsFile or --creds) does not exist.");
        }

        return Parse(File.ReadAllText(fullPath), fullPath);
    }

    /// <param name="yaml">The file's text.</param>
    /// <param name="source">The file's name, used in error messages.</param>
    public static DbCreds Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var values = ReadMapping(yaml, source);

        var prefix = Prefixes.FirstOrDefault(p => values.ContainsKey(p + "HOST"))
            ?? throw new InvalidOperationException(
                $"The credentials file '{source}' has no HOST (or RDS_HOST) key; expected HOST, USER, PASSWORD, DATABASE, PORT or the RDS_-prefixed ones.");

        string Require(string key) =>
            values.TryGetValue(prefix + key, out var value) && !string.IsNullOrWhiteSpace(value)
                ? value
                : throw new InvalidOperationException($"The credentials file '{source}' has no value for {prefix}{key}.");

        var port = DbCreds.DefaultPort;
        if (values.TryGetValue(prefix + "PORT", out var portText) && !string.IsNullOrWhiteSpace(portText) &&
            (!uint.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is 0 or > 65535))
        {
            throw new InvalidOperationException($"The credentials file '{source}' has {prefix}PORT '{portText}', which is not a TCP port (1-65535).");
        }

        return new DbCreds(Require("HOST"), Require("USER"), Require("PASSWORD"), Require("DATABASE"), port);
    }

    private static Dictionary<string, string> ReadMapping(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // YamlDotNet's message could quote the offending text, which may be the password: report the position only.
            throw new InvalidOperationException(
                $"The credentials file '{source}' is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}).");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new InvalidOperationException($"The credentials file '{source}' is not a YAML mapping of KEY: value lines.");
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode scalar)
            {
                values[name] = scalar.Value ?? string.Empty;
            }
        }

        return values;
    }
}
