extern alias seeder;

using System.Text.Json;
using seeder::PinterestPipeline.Seeder.Data;

namespace PinterestPipeline.Analytics.Tests.Infrastructure;

/// <summary>
/// xunit fixture: the seeder's rows (default seed, 11,001 per table) at random offsets, drawn with repeats as the
/// emitter draws them, written to a bucket as one-record objects, and one batch run over them.
/// </summary>
public sealed class SeededRun : IAsyncLifetime
{
    public const int Events = 1_500;

    private static readonly Lazy<SeedData> Data = new(() => SeedDataGenerator.Generate());

    internal TestBucket Bucket { get; } = new();

    internal AnalyticsApp App { get; private set; } = null!;

    internal List<SourceEvent> Emitted { get; } = [];

    internal JsonElement Run { get; private set; }

    public static SeedData Seeded => Data.Value;

    public async Task InitializeAsync()
    {
        var random = new Random(20240806);
        for (var i = 0; i < Events; i++)
        {
            var sourceEvent = SourceEvent.At(Seeded, random.Next(0, 11_001));
            Emitted.Add(sourceEvent);
            Bucket.WriteEvent(sourceEvent);
        }

        App = new AnalyticsApp(Bucket);
        Run = await App.RunAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Bucket.Dispose();
    }
}
