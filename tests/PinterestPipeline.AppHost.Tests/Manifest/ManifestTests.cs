using System.Text.Json;
using PinterestPipeline.AppHost.Tests.AppModel;

namespace PinterestPipeline.AppHost.Tests.Manifest;

/// <summary>Runs the manifest command of the AppHost README (Manifest and deployment) against the built AppHost and reads what it wrote.</summary>
public sealed class ManifestTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);
    private readonly DirectoryInfo output = Directory.CreateTempSubdirectory("pp-manifest-");

    [Fact]
    public async Task The_manifest_describes_mysql_and_kafka_as_containers_even_when_local_mode_is_set()
    {
        var manifestPath = Path.Combine(output.FullName, "aspire-manifest.json");

        await RunAppHostAsync("--publisher", "manifest", "--output-path", manifestPath, "--Pipeline:Infrastructure", "Local");

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(manifestPath));
        var resources = manifest.RootElement.GetProperty("resources");
        Assert.Equal(
            ["topic-prefix", "mysql-password", "emitter-seed", "mysql", "pinterest", "kafka", "s3-bucket", "aws-region", "aws-access-key-id", "aws-secret-access-key",
             "seeder", "restproxy", "emitter", "stream-emitter", "sink", "analytics", "analytics-warehouse-path"],
            resources.EnumerateObject().Select(resource => resource.Name));
        Assert.All(AppHostModel.Services, name => Assert.Equal("project.v0", resources.GetProperty(name).GetProperty("type").GetString()));

        var mysql = resources.GetProperty("mysql");
        Assert.Equal("container.v0", mysql.GetProperty("type").GetString());
        Assert.Equal("docker.io/library/mysql:8.4", mysql.GetProperty("image").GetString());
        Assert.Equal("{mysql-password.value}", mysql.GetProperty("env").GetProperty("MYSQL_ROOT_PASSWORD").GetString());
        Assert.Equal(3306, mysql.GetProperty("bindings").GetProperty("tcp").GetProperty("targetPort").GetInt32());
        Assert.Equal("/var/lib/mysql", Assert.Single(mysql.GetProperty("volumes").EnumerateArray()).GetProperty("target").GetString());

        var pinterest = resources.GetProperty("pinterest");
        Assert.Equal("value.v0", pinterest.GetProperty("type").GetString());
        Assert.Equal("{mysql.connectionString};Database=pinterest_data", pinterest.GetProperty("connectionString").GetString());

        var kafka = resources.GetProperty("kafka");
        Assert.Equal("container.v0", kafka.GetProperty("type").GetString());
        Assert.Equal("docker.io/confluentinc/confluent-local:8.2.0", kafka.GetProperty("image").GetString());
        Assert.Equal("{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}", kafka.GetProperty("connectionString").GetString());
        Assert.Equal(
            [("tcp", 9092), ("internal", 9093)],
            kafka.GetProperty("bindings").EnumerateObject().Select(binding => (binding.Name, binding.Value.GetProperty("targetPort").GetInt32())));
        Assert.Contains("PLAINTEXT_INTERNAL://0.0.0.0:9093", kafka.GetProperty("env").GetProperty("KAFKA_LISTENERS").GetString(), StringComparison.Ordinal);

        var password = resources.GetProperty("mysql-password");
        Assert.Equal("parameter.v0", password.GetProperty("type").GetString());
        Assert.True(password.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        Assert.Equal("parameter.v0", resources.GetProperty("topic-prefix").GetProperty("type").GetString());

        // A deployed sink and analytics share no folder: the bucket is S3, from parameters (the credentials secret).
        Assert.Equal("pinterest_data", mysql.GetProperty("env").GetProperty("MYSQL_DATABASE").GetString());
        foreach (var (service, section) in new[] { ("sink", "Sink"), ("analytics", "Analytics") })
        {
            var env = resources.GetProperty(service).GetProperty("env");
            Assert.Equal(
                ("S3", "{s3-bucket.value}", "{aws-region.value}", "{aws-access-key-id.value}", "{aws-secret-access-key.value}"),
                (env.GetProperty($"{section}__Storage").GetString(), env.GetProperty($"{section}__S3__BucketName").GetString(), env.GetProperty($"{section}__S3__Region").GetString(),
                 env.GetProperty("AWS_ACCESS_KEY_ID").GetString(), env.GetProperty("AWS_SECRET_ACCESS_KEY").GetString()));
        }

        Assert.All(new[] { "aws-access-key-id", "aws-secret-access-key" }, name => Assert.True(resources.GetProperty(name).GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean()));
        Assert.Equal("us-east-1", resources.GetProperty("aws-region").GetProperty("inputs").GetProperty("value").GetProperty("default").GetProperty("value").GetString());
        Assert.Equal("{analytics-warehouse-path.value}", resources.GetProperty("analytics").GetProperty("env").GetProperty("Analytics__WarehousePath").GetString());

        var seed = resources.GetProperty("emitter-seed");
        Assert.Equal("parameter.v0", seed.GetProperty("type").GetString());
        Assert.False(seed.GetProperty("inputs").GetProperty("value").TryGetProperty("secret", out var secret) && secret.GetBoolean());
        var streamEmitter = resources.GetProperty("stream-emitter").GetProperty("env");
        Assert.Equal(("Streams", "{emitter-seed.value}"), (streamEmitter.GetProperty("Emitter__Target").GetString(), streamEmitter.GetProperty("Emitter__Seed").GetString()));
    }

    public void Dispose() => output.Delete(recursive: true);

    private static async Task RunAppHostAsync(params string[] appHostArguments)
    {
        var result = await AppHostProcess.RunAsync(CommandTimeout, null, appHostArguments);
        Assert.True(result.ExitCode == 0, $"The manifest command exited with {result.ExitCode}. Output:\n{result.Output}");
    }
}
