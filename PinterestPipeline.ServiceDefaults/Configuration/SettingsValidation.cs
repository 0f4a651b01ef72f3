using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// How every service checks its settings: ranges are data annotations on the options class (with an
/// <c>ErrorMessage</c> that starts with <c>{0}</c>, the setting's key), checked by <see cref="AddAnnotationFailures"/>;
/// a service's <c>IValidateOptions</c> holds only the rules that a single attribute cannot say. Every failure is one
/// line that starts with the configuration key, e.g. <c>Emitter:Concurrency must be between 1 and 1024 (it was 0).</c>,
/// which <see cref="ServiceStartup"/> prints as an <c>error:</c> line.
/// </summary>
public static class SettingsValidation
{
    /// <summary><see cref="TimeSpan.MaxValue"/> as a range bound: <c>[Range(typeof(TimeSpan), "00:00:00", SettingsValidation.MaxTimeSpan)]</c> says "not negative".</summary>
    public const string MaxTimeSpan = "10675199.02:48:05.4775807";

    /// <summary>
    /// Validates the options at start the one way: their annotations (<see cref="AddAnnotationFailures"/>) and, when
    /// they are an <see cref="IValidatableObject"/>, their rules across fields. For options whose other rules need a
    /// service's own <c>IValidateOptions</c>, that validator calls <see cref="AddAnnotationFailures"/> itself.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateSettings<TOptions>(this OptionsBuilder<TOptions> builder, string section)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new AnnotatedSettingsValidator<TOptions>(builder.Name, section));
        return builder;
    }

    /// <summary>
    /// Adds a line to <paramref name="failures"/> for every validation attribute on the public properties of
    /// <paramref name="options"/> that its value does not satisfy, naming the key <c>&lt;section&gt;:&lt;property&gt;</c>
    /// and the value (so a secret setting is never annotated: its value would be quoted).
    /// </summary>
    public static void AddAnnotationFailures(object options, string section, ICollection<string> failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        ArgumentNullException.ThrowIfNull(failures);
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true).ToList();
            if (attributes.Count == 0 || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var value = property.GetValue(options);
            var key = $"{section}:{property.Name}";
            foreach (var attribute in attributes)
            {
                // Read before IsValid, which converts a range's bounds (a TimeSpan's "00:00:00.001" would come back as
                // "00:00:00.0010000"): the message quotes them as the attribute gives them.
                var message = attribute is RangeAttribute { ErrorMessage: { } format } range
                    ? string.Format(CultureInfo.InvariantCulture, format, key, range.Minimum, range.Maximum)
                    : null;
                if (!attribute.IsValid(value))
                {
                    failures.Add($"{(message ?? attribute.FormatErrorMessage(key)).TrimEnd('.')} (it was {Describe(value)}).");
                }
            }
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "not set",
        string text => $"'{text}'",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private sealed class AnnotatedSettingsValidator<TOptions>(string? name, string section) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? optionsName, TOptions options)
        {
            if (name is not null && name != optionsName)
            {
                return ValidateOptionsResult.Skip;
            }

            ArgumentNullException.ThrowIfNull(options);
            var failures = new List<string>();
            AddAnnotationFailures(options, section, failures);
            if (options is IValidatableObject validatable)
            {
                failures.AddRange(validatable.Validate(new ValidationContext(options)).Select(result => result.ErrorMessage ?? $"{section} is not valid."));
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
