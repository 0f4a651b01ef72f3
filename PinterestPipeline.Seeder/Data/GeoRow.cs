namespace PinterestPipeline.Seeder.Data;

/// <summary>A row of <c>geolocation_data</c>; <see cref="Values"/> follows the table's column order.</summary>
public sealed record GeoRow(int Ind, DateTime Timestamp, float Latitude, float Longitude, string Country)
{
    public object[] Values => [Ind, Timestamp, Latitude, Longitude, Country];
}
