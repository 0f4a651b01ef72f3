extern alias seeder;

using seeder::PinterestPipeline.Seeder.Data;

namespace PinterestPipeline.Analytics.Tests.Infrastructure;

/// <summary>
/// A small hand-made set of events with the cases the queries' rules decide: ties (categories, posters, the overall
/// top), null and placeholder fields, an empty age group (36-50) and ages in no group, and years outside the
/// questions' ranges; two events are emitted twice.
/// </summary>
internal static class EdgeCaseEvents
{
    private static readonly (string? Country, string? Category, string Poster, string Followers, int Age, int PostYear, int JoinYear)[] Rows =
    [
        ("Albania", "art", "Zed", "5k", 20, 2018, 2015),
        ("Albania", "art", "Amy", "5k", 22, 2018, 2015),
        ("Albania", "beauty", "Bob", "2M", 30, 2019, 2016),
        ("Albania", "beauty", "Cid", "437", 30, 2017, 2016),
        ("Albania", null, "Dee", "12", 60, 2020, 2014),
        ("Belize", "travel", "Eve", "2M", 60, 2020, 2016),
        ("Belize", "travel", "Fay", "", 61, 2020, 2021),
        ("Belize", "travel", "User Info Error", "User Info Error", 15, 2021, 2015),
        ("Belize", "art", "Gus", "1k", 20, 2023, 2016),
        ("Chad", "vehicles", "User Info Error", "User Info Error", 35, 2022, 2017),
        ("Chad", "vehicles", "Hal", "1M", 35, 2022, 2017),
        ("Chad", "quotes", "Ivy", "1M", 52, 2022, 2017),
        ("Chad", "quotes", "Jon", "999", 16, 2018, 2020),
        (null, "art", "Kim", "3k", 24, 2018, 2015),
    ];

    public static IReadOnlyList<SourceEvent> All()
    {
        var events = Rows.Select((row, ind) => new SourceEvent(
            new PinRow(ind, $"00000000-0000-4000-8000-{ind:D12}", "A title", SourcePlaceholders.NoDescription, row.Poster, row.Followers,
                SourcePlaceholders.NoTags, SourcePlaceholders.Image, SourcePlaceholders.ImageSrcError, 1,
                row.Category is null ? null! : SourcePlaceholders.SaveLocationPrefix + row.Category, row.Category!),
            new GeoRow(ind, new DateTime(row.PostYear, 6, 1, 12, 0, 0), 10.5f + ind, -20.25f, row.Country!),
            new UserRow(ind, "First" + ind, "Last", row.Age, new DateTime(row.JoinYear, 3, 4, 5, 6, 7)))).ToList();
        return [.. events, events[0], events[5]];
    }
}
