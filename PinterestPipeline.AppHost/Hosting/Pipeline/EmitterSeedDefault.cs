using System.Globalization;
using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;

namespace PinterestPipeline.AppHost.Hosting.Pipeline;

/// <summary>
/// A fresh seed for the emitters, 0 to 999,999,999; a deployment tool generates nine digits of its own, which is the
/// same range.
/// </summary>
public sealed class EmitterSeedDefault : ParameterDefault
{
    public const string ParameterName = "emitter-seed";
    private const int Digits = 9;

    public override string GetDefaultValue() => RandomNumberGenerator.GetInt32(0, 1_000_000_000).ToString(CultureInfo.InvariantCulture);

    public override void WriteToManifest(ManifestPublishingContext context) =>
        new GenerateParameterDefault { MinLength = Digits, Lower = false, Upper = false, Special = false }.WriteToManifest(context);
}
