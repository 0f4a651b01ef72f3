using System.Globalization;

namespace PinterestPipeline.TestSupport.Analytics;

/// <summary>
/// The nine answers computed with LINQ over <see cref="ExpectedTables"/>, by the rules the Analytics README documents (The questions): joins
/// on ind; ties go to the alphabetically first (ordinal) name; nulls are not counted; ages below 18 are in no group;
/// years outside a question's range and empty groups have no row; medians are exact. Rows are canonical text
/// (<c>value|value|...</c>) so they compare with the API's JSON rows.
/// </summary>
public static class ExpectedAnswers
{
    private static readonly string[] AgeGroups = ["18-24", "25-35", "36-50", "+50"];

    public static IReadOnlyDictionary<string, List<string>> Of(ExpectedTables tables)
    {
        var pinGeo = (from p in tables.Pins join g in tables.Geos on (long)p.Ind equals g.Ind select (p, g)).ToList();
        var pinUser = (from p in tables.Pins join u in tables.Users on (long)p.Ind equals u.Ind select (p, u)).ToList();
        var followersByCountry = pinGeo.Where(x => x.g.Country is not null && x.p.PosterName is not null && x.p.FollowerCount is not null).ToList();

        return new Dictionary<string, List<string>>
        {
            ["1"] = [.. pinGeo.Where(x => x.g.Country is not null && x.p.Category is not null)
                .GroupBy(x => x.g.Country!)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => TopRow(g.Key, g.Select(x => x.p.Category!)))],
            ["2"] = [.. pinGeo.Where(x => x.g.Timestamp.Year is >= 2018 and <= 2022 && x.p.Category is not null)
                .GroupBy(x => x.g.Timestamp.Year)
                .OrderBy(g => g.Key)
                .Select(g => TopRow(g.Key, g.Select(x => x.p.Category!)))],
            ["3a"] = [.. followersByCountry
                .GroupBy(x => x.g.Country!)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(x => x.p.FollowerCount).ThenBy(x => x.p.PosterName, StringComparer.Ordinal).First())
                .Select(x => Row(x.g.Country, x.p.PosterName, x.p.FollowerCount))],
            ["3b"] = [.. followersByCountry
                .OrderByDescending(x => x.p.FollowerCount).ThenBy(x => x.g.Country, StringComparer.Ordinal)
                .Take(1)
                .Select(x => Row(x.g.Country, x.p.FollowerCount))],
            ["4"] = [.. pinUser.Where(x => AgeGroup(x.u.Age) is not null && x.p.Category is not null)
                .GroupBy(x => AgeGroup(x.u.Age)!)
                .OrderBy(g => Array.IndexOf(AgeGroups, g.Key))
                .Select(g => TopRow(g.Key, g.Select(x => x.p.Category!)))],
            ["5"] = [.. pinUser.Where(x => AgeGroup(x.u.Age) is not null && x.p.FollowerCount is not null)
                .GroupBy(x => AgeGroup(x.u.Age)!)
                .OrderBy(g => Array.IndexOf(AgeGroups, g.Key))
                .Select(g => Row(g.Key, Median(g.Select(x => x.p.FollowerCount!.Value))))],
            ["6"] = [.. tables.Users.Where(u => u.DateJoined.Year is >= 2015 and <= 2020)
                .GroupBy(u => u.DateJoined.Year)
                .OrderBy(g => g.Key)
                .Select(g => Row(g.Key, g.Count()))],
            ["7"] = [.. pinUser.Where(x => x.u.DateJoined.Year is >= 2015 and <= 2020 && x.p.FollowerCount is not null)
                .GroupBy(x => x.u.DateJoined.Year)
                .OrderBy(g => g.Key)
                .Select(g => Row(g.Key, Median(g.Select(x => x.p.FollowerCount!.Value))))],
            ["8"] = [.. pinUser.Where(x => AgeGroup(x.u.Age) is not null && x.u.DateJoined.Year is >= 2015 and <= 2020 && x.p.FollowerCount is not null)
                .GroupBy(x => (Group: AgeGroup(x.u.Age)!, x.u.DateJoined.Year))
                .OrderBy(g => Array.IndexOf(AgeGroups, g.Key.Group)).ThenBy(g => g.Key.Year)
                .Select(g => Row(g.Key.Group, g.Key.Year, Median(g.Select(x => x.p.FollowerCount!.Value))))],
        };
    }

    public static string? AgeGroup(long age) => age switch
    {
        >= 18 and <= 24 => "18-24",
        >= 25 and <= 35 => "25-35",
        >= 36 and <= 50 => "36-50",
        > 50 => "+50",
        _ => null,
    };

    public static double Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + (double)sorted[middle]) / 2;
    }

    public static string Row(params object?[] values) => string.Join('|', values.Select(value => value switch
    {
        null => "null",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    }));

    /// <summary>The group's key, its most frequent category (ties: ordinal first) and that category's count.</summary>
    private static string TopRow(object key, IEnumerable<string> categories)
    {
        var top = categories.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        return Row(key, top.Key, top.Count());
    }
}
