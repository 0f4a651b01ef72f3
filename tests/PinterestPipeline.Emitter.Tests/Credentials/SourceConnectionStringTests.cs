using Microsoft.Extensions.Configuration;
using MySqlConnector;
using PinterestPipeline.Emitter.Credentials;

namespace PinterestPipeline.Emitter.Tests.Credentials;

public sealed class SourceConnectionStringTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pp-emitter-creds-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private string CredsFile(string yaml)
    {
        var path = Path.Combine(folder, "db_creds.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Uses_the_pinterest_connection_string_with_values_kept_as_stored()
    {
        var resolved = new MySqlConnectionStringBuilder(SourceConnectionString.Resolve(Config(
            ("ConnectionStrings:pinterest", "Server=db;Port=3306;User ID=root;Password=x;Database=pinterest_data"))));

        Assert.Equal(("db", "pinterest_data", MySqlGuidFormat.None, false), (resolved.Server, resolved.Database, resolved.GuidFormat, resolved.TreatTinyAsBoolean));
    }

    [Fact]
    public void A_creds_file_from_the_command_line_switch_wins()
    {
        var path = CredsFile("RDS_HOST: rds.example\nRDS_USER: u\nRDS_PASSWORD: p\nRDS_DATABASE: pinterest_data\nRDS_PORT: 3307\n");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:pinterest", "Server=other;Database=x")])
            .AddCommandLine(["--creds", path])
            .Build();

        var resolved = new MySqlConnectionStringBuilder(SourceConnectionString.Resolve(configuration));

        Assert.Equal(("rds.example", 3307u, "u", "p"), (resolved.Server, resolved.Port, resolved.UserID, resolved.Password));
    }

    [Fact]
    public void A_creds_file_from_the_setting_is_used()
    {
        var path = CredsFile("HOST: h\nUSER: u\nPASSWORD: p\nDATABASE: pinterest_data\n");

        var resolved = new MySqlConnectionStringBuilder(SourceConnectionString.Resolve(Config(("Emitter:CredsFile", path))));

        Assert.Equal(("h", 3306u), (resolved.Server, resolved.Port));
    }

    [Fact]
    public void Nothing_configured_names_every_way_to_configure_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SourceConnectionString.Resolve(Config()));

        Assert.Contains("ConnectionStrings:pinterest", error.Message, StringComparison.Ordinal);
        Assert.Contains("--creds", error.Message, StringComparison.Ordinal);
        Assert.Contains("Emitter:CredsFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_is_not_echoed()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            SourceConnectionString.Resolve(Config(("ConnectionStrings:pinterest", "Server=db;Password=hunter2;NoSuchOption=1"))));

        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }
}
