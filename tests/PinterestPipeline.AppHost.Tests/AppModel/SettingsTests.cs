using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using PinterestPipeline.AppHost.Hosting.Pipeline;
using PinterestPipeline.ServiceDefaults.Pipeline;

namespace PinterestPipeline.AppHost.Tests.AppModel;

public sealed class SettingsTests
{
    [Fact]
    public async Task An_unknown_infrastructure_mode_stops_the_apphost_with_the_allowed_values()
    {
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => AppHostModel.CreateAsync("--Pipeline:Infrastructure=Kubernetes"));

        Assert.Contains("Pipeline:Infrastructure is 'Kubernetes'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    public async Task A_bad_partition_count_stops_the_apphost_with_what_to_use(string value)
    {
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(
            () => AppHostModel.CreateAsync("--Pipeline:Infrastructure=Local", $"--Pipeline:TopicPartitions={value}"));

        Assert.Contains("whole number from 1 to 1000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Pipeline:Storage=Azure", "Pipeline:Storage is 'Azure'; use Local (a folder, the default) or S3.")]
    [InlineData("--Pipeline:Storage=S3", "Pipeline:Storage is S3, so set Pipeline:S3:BucketName")]
    public async Task A_bad_bucket_setting_stops_the_apphost_with_what_to_set(string setting, string message)
    {
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => AppHostModel.CreateAsync("--Pipeline:Infrastructure=Local", setting));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_topic_prefix_is_a_persisted_parameter_with_a_12_hex_digit_default()
    {
        await using var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Local");
        var prefix = builder.Single<ParameterResource>("topic-prefix");

        Assert.False(prefix.Secret);
        Assert.Equal(AppHostModel.TopicPrefix, await prefix.GetValueAsync(CancellationToken.None));
        Assert.Matches("^[0-9a-f]{12}$", new TopicPrefixDefault().GetDefaultValue());
    }

    [Fact]
    public async Task The_emitter_seed_is_a_parameter_drawn_anew_at_each_start_unless_set()
    {
        await using (var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Local"))
        {
            var seed = builder.Single<ParameterResource>("emitter-seed");
            Assert.False(seed.Secret);
            Assert.Matches("^[0-9]{1,9}$", await seed.GetValueAsync(CancellationToken.None));
        }

        await using (var builder = await AppHostModel.CreateAsync("--Pipeline:Infrastructure=Local", "--Parameters:emitter-seed=100"))
        {
            Assert.Equal("100", await builder.Single<ParameterResource>("emitter-seed").GetValueAsync(CancellationToken.None));
        }

        Assert.Matches("^[0-9]{1,9}$", new EmitterSeedDefault().GetDefaultValue());
    }

    [Theory]
    [InlineData("0a1b2c3d4e5f", true)]
    [InlineData("team-a_dev.1", true)]
    [InlineData("has space", false)]
    [InlineData("", false)]
    [InlineData("ünicode", false)]
    public void Topic_prefixes_follow_kafkas_topic_name_rule(string prefix, bool valid) =>
        Assert.Equal(valid, PipelineNames.IsValidTopicPrefix(prefix));

    [Theory]
    [InlineData(12, true)]
    [InlineData(113, true)]
    [InlineData(114, false)]
    public void Stream_prefixes_leave_room_for_kinesis_stream_names_of_128_characters(int length, bool valid)
    {
        Assert.Equal(valid, PipelineNames.IsValidStreamPrefix(new string('a', length)));
        Assert.Equal(valid, $"streaming-{new string('a', length)}-user".Length <= 128);
    }
}
