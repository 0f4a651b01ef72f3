using PinterestPipeline.Emitter.Configuration;

namespace PinterestPipeline.Emitter.Tests.Configuration;

public sealed class EmitterOptionsValidatorTests
{
    private static EmitterOptions Valid() => new() { ApiBaseUrl = "http://restproxy", TopicPrefix = "0ab336d6fcf7" };

    [Fact]
    public void Defaults_with_url_and_prefix_are_valid()
    {
        Assert.True(new EmitterOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Theory]
    [InlineData("https://abc123.execute-api.us-east-1.amazonaws.com/test")]
    [InlineData("http://127.0.0.1:8082/")]
    public void Gateway_and_local_urls_are_valid(string url)
    {
        var options = Valid();
        options.ApiBaseUrl = url;

        Assert.True(new EmitterOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_stream_prefix_may_be_as_long_as_a_kinesis_stream_name_allows()
    {
        var options = Valid();
        options.Target = EmitterTarget.Streams;
        options.StreamData = StreamData.Object;
        options.TopicPrefix = new string('x', 113);

        Assert.True(new EmitterOptionsValidator().Validate(null, options).Succeeded);
    }

    public static TheoryData<string, Action<EmitterOptions>> Invalid => new()
    {
        { "Emitter:ApiBaseUrl is required", o => o.ApiBaseUrl = null },
        { "Emitter:ApiBaseUrl 'restproxy'", o => o.ApiBaseUrl = "restproxy" },
        { "Emitter:ApiBaseUrl 'ftp://x'", o => o.ApiBaseUrl = "ftp://x" },
        { "Emitter:ApiBaseUrl 'http://x/?a=1'", o => o.ApiBaseUrl = "http://x/?a=1" },
        { "Emitter:TopicPrefix (or Pipeline:TopicPrefix) is required", o => o.TopicPrefix = " " },
        { "Emitter:TopicPrefix 'a b'", o => o.TopicPrefix = "a b" },
        { "Emitter:TopicPrefix", o => o.TopicPrefix = new string('x', 245) },
        { "Emitter:Target must be Topics or Streams", o => o.Target = (EmitterTarget)5 },
        { "Emitter:StreamData must be String or Object", o => o.StreamData = (StreamData)5 },
        { "Emitter:TopicPrefix (or Pipeline:TopicPrefix) is required: streams are streaming-<prefix>-pin", o => { o.Target = EmitterTarget.Streams; o.TopicPrefix = null; } },
        // Kinesis stream names end at 128 characters: "streaming-" + 113 + "-user".
        { "Emitter:TopicPrefix '" + new string('x', 114) + "' is not a legal Kinesis stream name prefix", o => { o.Target = EmitterTarget.Streams; o.TopicPrefix = new string('x', 114); } },
        { "Emitter:MaxOffset", o => o.MaxOffset = -1 },
        { "Emitter:MinDelay", o => o.MinDelay = TimeSpan.FromSeconds(-1) },
        { "Emitter:RowLookup", o => o.RowLookup = (PinterestPipeline.Emitter.Source.RowLookup)7 },
        { "Emitter:KeyIndexRefreshInterval", o => o.KeyIndexRefreshInterval = TimeSpan.Zero },
        { "Emitter:MaxDelay", o => { o.MinDelay = TimeSpan.FromSeconds(3); o.MaxDelay = TimeSpan.FromSeconds(1); } },
        { "Emitter:Count", o => o.Count = -5 },
        { "Emitter:Concurrency", o => o.Concurrency = 0 },
        { "Emitter:Concurrency", o => o.Concurrency = 5000 },
        { "Emitter:Headers:Content-Type", o => o.Headers["Content-Type"] = "text/plain" },
        { "Emitter:Headers:bad header", o => o.Headers["bad header"] = "x" },
        { "Emitter:Headers:x-api-key has no value or a value with a line break", o => o.Headers["x-api-key"] = "a\r\nb" },
        { "Emitter:SummaryInterval", o => o.SummaryInterval = TimeSpan.FromSeconds(-1) },
        { "Emitter:DrainTimeout", o => o.DrainTimeout = TimeSpan.FromSeconds(-1) },
        { "Emitter:Retry:MaxAttempts", o => o.Retry.MaxAttempts = 0 },
        { "Emitter:Retry:Budget", o => o.Retry.Budget = TimeSpan.Zero },
        { "Emitter:Retry:BaseDelay", o => o.Retry.BaseDelay = TimeSpan.Zero },
        { "Emitter:Retry:MaxBackoff", o => o.Retry.MaxBackoff = TimeSpan.FromMilliseconds(1) },
        { "Emitter:Retry:AttemptTimeout", o => o.Retry.AttemptTimeout = TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_invalid_setting_is_named_in_the_failure(string expected, Action<EmitterOptions> spoil)
    {
        var options = Valid();
        spoil(options);

        var result = new EmitterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_header_value_is_never_echoed()
    {
        var options = Valid();
        options.Headers["x-api-key"] = "top-secret\nkey";

        var result = new EmitterOptionsValidator().Validate(null, options);

        Assert.DoesNotContain("top-secret", result.FailureMessage, StringComparison.Ordinal);
    }
}
