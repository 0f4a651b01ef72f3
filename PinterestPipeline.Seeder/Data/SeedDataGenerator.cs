using System.Globalization;
using Bogus;

namespace PinterestPipeline.Seeder.Data;

/// <summary>
/// Generates the source tables from a seed: the same seed and row count give the same rows, byte for byte,
/// on any machine, culture or date. Row <c>i</c> depends only on the seed and the rows before it, so a larger
/// <c>rows</c> extends a smaller one. Rates of the data quirks are documented in the Seeder README (Data).
/// </summary>
public static class SeedDataGenerator
{
    /// <summary>The original emulation script called <c>random.seed(100)</c>; we keep the number.</summary>
    public const int DefaultSeed = 100;

    public const double BrokenRowRate = 0.015;
    public const double TitlePlaceholderRate = 0.01;
    public const double TagPlaceholderRate = 0.02;
    public const double ImageSrcErrorRate = 0.01;
    public const double VideoRate = 0.07;
    public const double StoryRate = 0.08;
    public const double StoryDescriptionPlaceholderRate = 0.5;
    public const double NoDescriptionRate = 0.02;
    public const double UntitledRate = 0.01;
    public const double CutOffDescriptionRate = 0.35;
    public const double DownloadedRate = 0.95;

    // Fixed pool sizes (not derived from the row count) keep every row independent of how many rows follow it.
    private const int UserPoolSize = 2_000;
    private const int PosterPoolSize = 1_500;
    private const int CountryDraws = 400;

    private static readonly DateTime PostsFrom = new(2017, 12, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime PostsUntil = new(2022, 12, 31, 23, 59, 59, DateTimeKind.Unspecified);
    private static readonly DateTime JoinedFrom = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime JoinedUntil = new(2017, 12, 31, 23, 59, 59, DateTimeKind.Unspecified);

    public static SeedData Generate(int seed = DefaultSeed, int rows = Schema.SourceSchema.MinimumRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);

        // Bogus lower-cases and formats some values with the current culture (tr-TR turns "I" into "ı");
        // generating under the invariant culture keeps the bytes the same everywhere.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var faker = new Faker("en") { Random = new Randomizer(seed) };
            var users = Enumerable.Range(0, UserPoolSize).Select(_ => NewUser(faker)).ToArray();
            var posters = Enumerable.Range(0, PosterPoolSize).Select(_ => NewPoster(faker)).ToArray();
            var countries = Enumerable.Range(0, CountryDraws).Select(_ => faker.Address.Country())
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

            var pins = new PinRow[rows];
            var geos = new GeoRow[rows];
            var people = new UserRow[rows];
            for (var i = 0; i < rows; i++)
            {
                pins[i] = NewPin(faker, i, posters);
                geos[i] = new GeoRow(i, Between(faker, PostsFrom, PostsUntil), Coordinate(faker, 90), Coordinate(faker, 180), PickPopular(faker, countries));
                people[i] = PickPopular(faker, users) with { Ind = i };
            }

            return new SeedData(seed, pins, geos, people);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static UserRow NewUser(Faker faker) =>
        new(0, faker.Name.FirstName(), faker.Name.LastName(), faker.Random.Int(20, 59), Between(faker, JoinedFrom, JoinedUntil));

    private static (string Name, string FollowerCount) NewPoster(Faker faker)
    {
        var style = faker.Random.Double();
        var name = style switch
        {
            < 0.45 => faker.Name.FullName(),
            < 0.70 => faker.Company.CompanyName(),
            _ => faker.Internet.UserName(),
        };
        // Log-uniform from tens to millions: most posters show hundreds or "k", a few "M".
        var followers = (int)Math.Pow(10, faker.Random.Double(1, 7));
        return (name, FollowerCount(followers));
    }

    /// <summary>Pinterest's display form: <c>437</c>, <c>26k</c>, <c>1M</c>.</summary>
    private static string FollowerCount(int followers) => followers switch
    {
        < 1_000 => followers.ToString(CultureInfo.InvariantCulture),
        < 1_000_000 => (followers / 1_000).ToString(CultureInfo.InvariantCulture) + "k",
        _ => (followers / 1_000_000).ToString(CultureInfo.InvariantCulture) + "M",
    };

    private static PinRow NewPin(Faker faker, int index, (string Name, string FollowerCount)[] posters)
    {
        var uniqueId = UuidV4(faker);
        var category = Pick(faker, PinCategories.Names);
        var saveLocation = SourcePlaceholders.SaveLocationPrefix + category;
        if (faker.Random.Double() < BrokenRowRate)
        {
            // Like the real row 7528: a story page whose scrape failed on every field.
            return new PinRow(index, uniqueId, SourcePlaceholders.NoTitle, SourcePlaceholders.NoDescriptionStory,
                SourcePlaceholders.UserInfoError, SourcePlaceholders.UserInfoError, SourcePlaceholders.NoTags,
                SourcePlaceholders.Story, SourcePlaceholders.ImageSrcError, 0, saveLocation, category);
        }

        var tags = PinCategories.TagsOf(category);
        var tag = Pick(faker, tags);
        var kindDraw = faker.Random.Double();
        var kind = kindDraw < StoryRate ? SourcePlaceholders.Story
            : kindDraw < StoryRate + VideoRate ? SourcePlaceholders.Video
            : SourcePlaceholders.Image;

        var title = faker.Random.Double() < TitlePlaceholderRate ? SourcePlaceholders.NoTitle : Title(faker, tag);
        var description = Description(faker, tag, kind);
        var (posterName, followerCount) = PickPopular(faker, posters);
        var tagList = faker.Random.Double() < TagPlaceholderRate
            ? SourcePlaceholders.NoTags
            : string.Join(',', faker.Random.ListItems(tags.ToList(), faker.Random.Int(2, 6)));
        var imageSrc = faker.Random.Double() < ImageSrcErrorRate ? SourcePlaceholders.ImageSrcError : ImageUrl(faker);
        var downloaded = imageSrc != SourcePlaceholders.ImageSrcError && faker.Random.Double() < DownloadedRate ? 1 : 0;
        return new PinRow(index, uniqueId, title, description, posterName, followerCount, tagList, kind, imageSrc, downloaded, saveLocation, category);
    }

    private static string Title(Faker faker, string tag) => faker.Random.Int(0, 7) switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{faker.Random.Int(5, 50)} {tag} Ideas"),
        1 => $"{faker.Commerce.ProductAdjective()} {tag}",
        2 => $"{tag} Inspiration",
        3 => $"The Ultimate Guide to {tag}",
        4 => string.Create(CultureInfo.InvariantCulture, $"{tag} {faker.Random.Int(2018, 2022)}"),
        5 => $"{tag} for Beginners",
        6 => string.Create(CultureInfo.InvariantCulture, $"{faker.Commerce.ProductAdjective()} {tag} Ideas for {faker.Random.Int(2018, 2022)}"),
        _ => faker.Company.CatchPhrase(),
    };

    private static string Description(Faker faker, string tag, string kind)
    {
        if (kind == SourcePlaceholders.Story && faker.Random.Double() < StoryDescriptionPlaceholderRate)
        {
            return SourcePlaceholders.NoDescriptionStory;
        }

        var draw = faker.Random.Double();
        if (draw < NoDescriptionRate)
        {
            return SourcePlaceholders.NoDescription;
        }

        if (draw < NoDescriptionRate + UntitledRate)
        {
            return SourcePlaceholders.Untitled;
        }

        var text = $"{faker.Rant.Review(tag.ToLowerInvariant())} {faker.Company.CatchPhrase()}.";
        if (faker.Random.Double() < CutOffDescriptionRate && text.Length > 40)
        {
            return text[..faker.Random.Int(30, text.Length - 5)].TrimEnd() + SourcePlaceholders.Ellipsis;
        }

        return text;
    }

    /// <summary>A random (version 4) UUID like the original's, from the seeded generator rather than the OS.</summary>
    private static string UuidV4(Faker faker)
    {
        var hex = faker.Random.Hexadecimal(32, string.Empty).ToLowerInvariant().ToCharArray();
        hex[12] = '4';
        hex[16] = "89ab"[faker.Random.Int(0, 3)];
        var text = new string(hex);
        return $"{text[..8]}-{text[8..12]}-{text[12..16]}-{text[16..20]}-{text[20..]}";
    }

    private static string ImageUrl(Faker faker)
    {
        var hash = faker.Random.Hexadecimal(32, string.Empty).ToLowerInvariant();
        return $"https://i.pinimg.com/originals/{hash[..2]}/{hash[2..4]}/{hash[4..6]}/{hash}.jpg";
    }

    private static T Pick<T>(Faker faker, IReadOnlyList<T> items) => items[faker.Random.Int(0, items.Count - 1)];

    /// <summary>Early entries of the pool come up far more often, so users and countries repeat across many rows.</summary>
    private static T PickPopular<T>(Faker faker, T[] pool) => pool[(int)(pool.Length * Math.Pow(faker.Random.Double(), 2))];

    private static DateTime Between(Faker faker, DateTime from, DateTime until) =>
        from.AddSeconds(faker.Random.Long(0, (long)(until - from).TotalSeconds));

    /// <summary>
    /// A value in [-limit, limit) with 6 significant digits: a FLOAT column returns 6 digits over MySQL's text
    /// protocol, so rounding here makes what the emitter reads equal to what was generated.
    /// </summary>
    private static float Coordinate(Faker faker, double limit)
    {
        var value = faker.Random.Double(-limit, limit);
        var integerDigits = Math.Abs(value) < 1 ? 1 : (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        var rounded = Math.Round(value, 6 - integerDigits, MidpointRounding.ToEven);
        return rounded == 0 ? 0f : (float)rounded;
    }
}
