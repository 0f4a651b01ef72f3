using System.Text.Json;
using System.Text.RegularExpressions;

namespace PinterestPipeline.AppHost.Tests.Manifest;

/// <summary>
/// Resolves the expressions of an Aspire manifest (<c>{name.value}</c>, <c>{name.connectionString}</c>,
/// <c>{name.bindings.b.host|port|url|targetPort}</c>, <c>{name.inputs.value}</c>) the way a deployment tool does, with
/// the values a test gives for the parameters and the addresses of the servers it runs for the bindings.
/// </summary>
internal sealed partial class ManifestEnvironment(JsonElement resources, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, (string Host, int Port)> bindings)
{
    /// <summary>A project's environment with every expression resolved.</summary>
    public Dictionary<string, string> For(string project) =>
        resources.GetProperty(project).GetProperty("env").EnumerateObject()
            .ToDictionary(variable => variable.Name, variable => Resolve(variable.Value.GetString() ?? ""));

    public string Resolve(string value) => Expression().Replace(value, match => Evaluate(match.Groups["path"].Value));

    private string Evaluate(string path)
    {
        var parts = path.Split('.');
        var name = parts[0];
        switch (parts[1..])
        {
            case ["value"] or ["inputs", "value"] when parameters.TryGetValue(name, out var parameter):
                return parameter;
            case ["value"] or ["connectionString"]:
                var resource = resources.GetProperty(name);
                var property = parts[1] == "value" ? "value" : "connectionString";
                return Resolve(resource.GetProperty(property).GetString() ?? throw new InvalidOperationException($"{name} has no {property}."));
            case ["bindings", var binding, var field]:
                var (host, port) = bindings.TryGetValue($"{name}.{binding}", out var address)
                    ? address
                    : throw new InvalidOperationException($"The test gave no address for the binding {name}.{binding}.");
                return field switch
                {
                    "host" => host,
                    "port" or "targetPort" => port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "url" => $"{resources.GetProperty(name).GetProperty("bindings").GetProperty(binding).GetProperty("scheme").GetString()}://{host}:{port}",
                    _ => throw new InvalidOperationException($"Unknown binding field in {{{path}}}."),
                };
            default:
                throw new InvalidOperationException($"The test cannot resolve {{{path}}}: give a value for the parameter '{name}'.");
        }
    }

    [GeneratedRegex(@"\{(?<path>[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+)\}")]
    private static partial Regex Expression();
}
