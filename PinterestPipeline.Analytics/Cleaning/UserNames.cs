namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>The user cleaning's first rule: one <c>user_name</c> from <c>first_name</c> and <c>last_name</c>.</summary>
public static class UserNames
{
    /// <summary><c>concat(first_name, " ", last_name)</c>: null when either part is null, as Spark's <c>concat</c>.</summary>
    public static string? Combine(string? firstName, string? lastName) =>
        firstName is null || lastName is null ? null : $"{firstName} {lastName}";
}
