namespace PinterestPipeline.Sink.Tests.Infrastructure;

/// <summary>Polls a condition, because the sink works in the background.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not reached within {timeout.TotalSeconds:0} s: {failure()}");
            }

            await Task.Delay(50);
        }
    }
}
