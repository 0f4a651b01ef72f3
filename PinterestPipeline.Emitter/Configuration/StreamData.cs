namespace PinterestPipeline.Emitter.Configuration;

/// <summary>How a row travels in the <c>Data</c> field of a PutRecord body (<see cref="EmitterTarget.Streams"/> only).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name",
    Justification = "The setting's values name the JSON kind of Data: Emitter:StreamData=String or Object.")]
public enum StreamData
{
    /// <summary>A string holding the row's JSON, <c>"Data": "{\"index\": 7528, ...}"</c>: the seed's <c>json.dumps(row)</c>.</summary>
    String,

    /// <summary>The row as a JSON object, <c>"Data": {"index": 7528, ...}</c>, as other course repositories send it.</summary>
    Object,
}
