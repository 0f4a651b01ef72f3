namespace PinterestPipeline.TestSupport.Tests;

public sealed class Python3Tests
{
    [Fact]
    public async Task A_script_runs_and_its_output_comes_back_byte_for_byte()
    {
        Assert.Equal("7\n\"\\u00e9\"\n", await Python3.RunAsync("import json\nprint(3 + 4)\nprint(json.dumps('é'))"));
    }

    [Fact]
    public async Task Input_reaches_the_script_as_utf8_on_its_standard_input()
    {
        Assert.Equal("\"\\u00e9\\u6771 1\"\n", await Python3.RunAsync("import json, sys\nprint(json.dumps(sys.stdin.buffer.read().decode('utf-8')))", "\u00e9\u6771 1"));
    }

    [Fact]
    public async Task A_failing_script_fails_with_pythons_error()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Python3.RunAsync("raise SystemExit('no such row')"));

        Assert.Contains("no such row", error.Message, StringComparison.Ordinal);
    }
}
