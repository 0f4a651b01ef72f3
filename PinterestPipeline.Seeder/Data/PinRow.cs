namespace PinterestPipeline.Seeder.Data;

/// <summary>A row of <c>pinterest_data</c>; <see cref="Values"/> follows the table's column order.</summary>
public sealed record PinRow(
    int Index,
    string UniqueId,
    string Title,
    string Description,
    string PosterName,
    string FollowerCount,
    string TagList,
    string IsImageOrVideo,
    string ImageSrc,
    int Downloaded,
    string SaveLocation,
    string Category)
{
    public object[] Values =>
        [Index, UniqueId, Title, Description, PosterName, FollowerCount, TagList, IsImageOrVideo, ImageSrc, Downloaded, SaveLocation, Category];
}
