namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>The geo cleaning's first rule: <c>coordinates = array(latitude, longitude)</c>.</summary>
public static class Coordinates
{
    /// <summary>
    /// Always two elements, latitude first; an element is null when its field is. Spark infers JSON numbers as DOUBLE,
    /// so this is <c>array&lt;double&gt;</c> in Spark and <c>DOUBLE[]</c> in the warehouse.
    /// </summary>
    public static double?[] Of(double? latitude, double? longitude) => [latitude, longitude];
}
