using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;

namespace PinterestPipeline.AppHost.Hosting.Pipeline;

/// <summary>
/// A fresh 12-hex-digit id, the shape of the course's AWS user ids (topics <c>0a1b2c3d4e5f.pin</c>). A deployment
/// tool generates its own: lower-case letters and digits, 12 of them, which is just as legal in a topic name.
/// </summary>
public sealed class TopicPrefixDefault : ParameterDefault
{
    public const int Length = 12;

    public override string GetDefaultValue() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2));

    public override void WriteToManifest(ManifestPublishingContext context) =>
        new GenerateParameterDefault { MinLength = Length, Upper = false, Special = false }.WriteToManifest(context);
}
