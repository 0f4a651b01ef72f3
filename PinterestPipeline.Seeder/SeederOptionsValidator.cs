using System.Globalization;
using Microsoft.Extensions.Options;
using PinterestPipeline.Seeder.Schema;

namespace PinterestPipeline.Seeder;

public sealed class SeederOptionsValidator : IValidateOptions<SeederOptions>
{
    public ValidateOptionsResult Validate(string? name, SeederOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Rows is < 1 or > SeederOptions.MaximumRows)
        {
            return ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"--rows (Seeder:Rows) must be between 1 and {SeederOptions.MaximumRows:N0}, got {options.Rows}."));
        }

        if (options.Rows < SourceSchema.MinimumRows && !options.AllowFewerRows)
        {
            return ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"--rows {options.Rows} is below {SourceSchema.MinimumRows:N0}: the emitter draws offsets 0..{SourceSchema.MinimumRows - 1} and every offset from {options.Rows} up would miss a row. Use at least {SourceSchema.MinimumRows:N0} rows, or add --allow-fewer-rows (Seeder:AllowFewerRows=true) to seed anyway."));
        }

        if (options.SqlOut is { } path && string.IsNullOrWhiteSpace(path))
        {
            return ValidateOptionsResult.Fail("--sql-out (Seeder:SqlOut) needs a file path.");
        }

        return ValidateOptionsResult.Success;
    }
}
