using System.Text;
using PinterestPipeline.Seeder.Data;

namespace PinterestPipeline.Seeder.Loading;

/// <summary>Writes column values as MySQL literals for the INSERT statements the seeder runs and the script it writes.</summary>
public static class SqlLiteral
{
    public static void Append(StringBuilder sql, object value)
    {
        ArgumentNullException.ThrowIfNull(sql);
        switch (value)
        {
            case string text:
                AppendString(sql, text);
                break;
            case DateTime:
                sql.Append('\'').Append(SourceValue.Format(value)).Append('\'');
                break;
            default:
                sql.Append(SourceValue.Format(value));
                break;
        }
    }

    /// <summary>
    /// Quotes are doubled, which means the same with and without NO_BACKSLASH_ESCAPES; a backslash or control
    /// character would not, so the generator never produces one and this refuses it rather than guess the server's mode.
    /// </summary>
    private static void AppendString(StringBuilder sql, string text)
    {
        foreach (var character in text)
        {
            if (character == '\\' || char.IsControl(character))
            {
                throw new ArgumentException($"Seed text must not contain backslashes or control characters: '{text}'.", nameof(text));
            }
        }

        sql.Append('\'').Append(text.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
    }
}
