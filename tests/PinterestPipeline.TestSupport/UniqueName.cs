namespace PinterestPipeline.TestSupport;

/// <summary>Names no other test (or test run) uses, so tests can run in parallel against shared servers.</summary>
public static class UniqueName
{
    /// <summary><paramref name="prefix"/> plus 12 random hex digits; legal as a database and a topic name.</summary>
    public static string For(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
