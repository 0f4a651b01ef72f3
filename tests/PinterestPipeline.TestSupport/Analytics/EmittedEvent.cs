namespace PinterestPipeline.TestSupport.Analytics;

/// <summary>A <c>pinterest_data</c> row as emitted (the source's values; null where the record holds JSON null).</summary>
public sealed record PinSource(
    int Index, string? UniqueId, string? Title, string? Description, string? PosterName, string? FollowerCount, string? TagList,
    string? IsImageOrVideo, string? ImageSrc, int Downloaded, string? SaveLocation, string? Category);

/// <summary>A <c>geolocation_data</c> row as emitted.</summary>
public sealed record GeoSource(long Ind, DateTime Timestamp, double Latitude, double Longitude, string? Country);

/// <summary>A <c>user_data</c> row as emitted.</summary>
public sealed record UserSource(long Ind, string? FirstName, string? LastName, long Age, DateTime DateJoined);

/// <summary>One emitted event: the three rows at one offset.</summary>
public sealed record EmittedEvent(PinSource Pin, GeoSource Geo, UserSource User);
