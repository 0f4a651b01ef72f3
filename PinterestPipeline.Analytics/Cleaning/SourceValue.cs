using System.Text.Json;

namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>
/// One scalar field of a source record as it was in the JSON: its kind and its text (the string's value, or the
/// number's or boolean's literal). The cleaning rules turn it into the column's type, as Spark's casts would.
/// </summary>
public readonly record struct SourceValue(JsonValueKind Kind, string? Text)
{
    public static SourceValue Null { get; } = new(JsonValueKind.Null, null);

    public static SourceValue FromString(string? text) => text is null ? Null : new(JsonValueKind.String, text);

    public static SourceValue FromNumber(string literal) => new(JsonValueKind.Number, literal);

    public bool IsNull => Kind is JsonValueKind.Null or JsonValueKind.Undefined;
}
