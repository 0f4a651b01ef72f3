namespace PinterestPipeline.Seeder.Data;

/// <summary>
/// The placeholder values of the original data set that the course's cleaning step had to replace
/// (REFERENCE.md §1). The seed data keeps them so downstream cleaning has the same work to do.
/// </summary>
public static class SourcePlaceholders
{
    public const string UserInfoError = "User Info Error";
    public const string NoTitle = "No Title Data Available";
    public const string NoDescriptionStory = "No description available Story format";
    public const string NoDescription = "No description available";
    public const string Untitled = "Untitled";
    public const string NoTags = "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e";
    public const string ImageSrcError = "Image src error.";

    /// <summary>Cut-off descriptions end with this character (U+2026), not three dots.</summary>
    public const string Ellipsis = "\u2026";

    public const string Image = "image";
    public const string Video = "video";
    public const string Story = "multi-video(story page format)";

    public const string SaveLocationPrefix = "Local save in /data/";
}
