namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>
/// A row of <c>pin</c> after cleaning: the seed's <c>df_pin</c> columns, in its order and with its types
/// (<c>ind</c>, <c>follower_count</c> and <c>downloaded</c> INT, the rest strings).
/// </summary>
public sealed record PinRow(
    int? Ind,
    string? UniqueId,
    string? Title,
    string? Description,
    int? FollowerCount,
    string? PosterName,
    string? TagList,
    string? IsImageOrVideo,
    string? ImageSrc,
    string? SaveLocation,
    string? Category,
    int? Downloaded);

/// <summary>A row of <c>geo</c> after cleaning: <c>ind</c> BIGINT, <c>country</c>, <c>coordinates</c> DOUBLE[2], <c>timestamp</c>.</summary>
public sealed record GeoRow(long? Ind, string? Country, double?[] Coordinates, DateTime? Timestamp);

/// <summary>A row of <c>user</c> after cleaning: <c>ind</c> BIGINT, <c>user_name</c>, <c>age</c> BIGINT, <c>date_joined</c>.</summary>
public sealed record UserRow(long? Ind, string? UserName, long? Age, DateTime? DateJoined);
