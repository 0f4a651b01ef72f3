namespace PinterestPipeline.Analytics.Queries;

/// <summary>The nine questions of the course's <c>Data_Queries</c>, in the course's order.</summary>
public static class QueryCatalog
{
    public static IReadOnlyList<BatchQuery> All { get; } =
    [
        new("1", "The most popular category in each country", ["country", "category", "category_count"]),
        new("2", "The most popular category each year, 2018-2022", ["post_year", "category", "category_count"]),
        new("3a", "For each country, the user with the most followers", ["country", "poster_name", "follower_count"]),
        new("3b", "The country of the user with the most followers", ["country", "follower_count"]),
        new("4", "The most popular category for each age group", ["age_group", "category", "category_count"]),
        new("5", "The median follower count for each age group", ["age_group", "median_follower_count"]),
        new("6", "How many users joined each year, 2015-2020", ["post_year", "number_users_joined"]),
        new("7", "The median follower count of users by joining year, 2015-2020", ["post_year", "median_follower_count"]),
        new("8", "The median follower count by joining year and age group, 2015-2020", ["age_group", "post_year", "median_follower_count"]),
    ];

    public static BatchQuery? Find(string id) => All.FirstOrDefault(query => query.Id == id);

    internal static string SqlOf(string id)
    {
        using var stream = typeof(QueryCatalog).Assembly.GetManifestResourceStream($"Queries.{id}.sql")
            ?? throw new InvalidOperationException($"The SQL of query {id} is not embedded in the service.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
