using MySqlConnector;
using PinterestPipeline.Emitter.Credentials;

namespace PinterestPipeline.Emitter.Tests.Credentials;

public sealed class DbCredsFileTests
{
    private const string Password = "pa55-Wörd:with#chars";

    [Fact]
    public void Reads_the_plain_key_style()
    {
        var creds = DbCredsFile.Parse($"""
            HOST: pinterestdbreadonly.abc.us-east-1.rds.amazonaws.com
            USER: project_user
            PASSWORD: "{Password}"
            DATABASE: pinterest_data
            PORT: 3306
            """, "db_creds.yaml");

        Assert.Equal(new DbCreds("pinterestdbreadonly.abc.us-east-1.rds.amazonaws.com", "project_user", Password, "pinterest_data", 3306), creds);
    }

    [Fact]
    public void Reads_the_rds_prefixed_style_and_defaults_the_port()
    {
        var creds = DbCredsFile.Parse($"""
            RDS_HOST: db.example
            RDS_USER: reader
            RDS_PASSWORD: '{Password}'
            RDS_DATABASE: pinterest_data
            """, "db_creds.yaml");

        Assert.Equal(new DbCreds("db.example", "reader", Password, "pinterest_data", 3306), creds);
    }

    [Fact]
    public void Key_case_is_ignored()
    {
        var creds = DbCredsFile.Parse("host: h\nuser: u\npassword: p\ndatabase: d\nport: 3307\n", "db_creds.yaml");

        Assert.Equal(new DbCreds("h", "u", "p", "d", 3307), creds);
    }

    [Fact]
    public void The_connection_string_carries_every_value_and_utf8mb4()
    {
        var builder = new MySqlConnectionStringBuilder(new DbCreds("h", "u", Password, "pinterest_data", 3307).ToConnectionString());

        Assert.Equal(("h", 3307u, "u", Password, "pinterest_data", "utf8mb4"),
            (builder.Server, builder.Port, builder.UserID, builder.Password, builder.Database, builder.CharacterSet));
    }

    [Fact]
    public void ToString_never_shows_the_password()
    {
        var text = new DbCreds("h", "u", Password, "d", 3306).ToString();

        Assert.Equal("u@h:3306/d", text);
    }

    [Theory]
    [InlineData("USER: u\nPASSWORD: p\nDATABASE: d\n", "has no HOST (or RDS_HOST) key")]
    [InlineData("HOST: h\nUSER: u\nDATABASE: d\n", "has no value for PASSWORD")]
    [InlineData("RDS_HOST: h\nRDS_USER: u\nRDS_PASSWORD: p\n", "has no value for RDS_DATABASE")]
    [InlineData("HOST: h\nUSER: u\nPASSWORD: p\nDATABASE: d\nPORT: abc\n", "has PORT 'abc', which is not a TCP port")]
    [InlineData("HOST: h\nUSER: u\nPASSWORD: p\nDATABASE: d\nPORT: 70000\n", "has PORT '70000', which is not a TCP port")]
    [InlineData("- just\n- a list\n", "is not a YAML mapping")]
    [InlineData("", "is not a YAML mapping")]
    public void Bad_files_get_a_message_naming_the_file_and_the_key(string yaml, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DbCredsFile.Parse(yaml, "/x/db_creds.yaml"));

        Assert.Contains("'/x/db_creds.yaml'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_reports_a_position_but_not_the_text()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DbCredsFile.Parse($"HOST: h\nPASSWORD: \"{Password}\n  : [unclosed\n", "db_creds.yaml"));

        Assert.Contains("is not valid YAML (line", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_names_its_full_path_and_the_settings()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "db_creds.yaml");

        var error = Assert.Throws<InvalidOperationException>(() => DbCredsFile.Load(path));

        Assert.Equal($"The credentials file '{path}' (from Emitter:CredsFile or --creds) does not exist.", error.Message);
    }
}
